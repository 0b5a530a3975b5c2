import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";

/** The fees API (routes are added here). */
export function registerFeesApi(_api: OpenAPIHono<AppEnv>): void {}
