import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";

/** Placeholder: the routes are being written. Registered by src/http/api.ts. */
export function registerBodiesApi(_api: OpenAPIHono<AppEnv>): void {}
