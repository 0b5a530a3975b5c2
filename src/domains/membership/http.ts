import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";

/** The membership API (routes are added here). */
export function registerMembershipApi(_api: OpenAPIHono<AppEnv>): void {}
