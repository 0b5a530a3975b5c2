import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";

export function registerReferenceApi(api: OpenAPIHono<AppEnv>): void {
  void api;
}
