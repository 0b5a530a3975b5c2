import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";

/** The invoicing API (routes are added here). */
export function registerInvoicingApi(_api: OpenAPIHono<AppEnv>): void {}
