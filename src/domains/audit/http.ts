import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { AuditPage, AuditQuery } from "./contract";
import { listAuditEvents } from "./service";

const auditRoute = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "Browse the audit log (secretariat)",
  description:
    "Every change: who, when, what, before and after, newest first. Filters combine with AND; `from` and `to` are days in the network's time zone (Europe/Rome), `to` inclusive.",
  request: { query: AuditQuery },
  responses: {
    200: { description: "A page of audit events", content: { "application/json": { schema: AuditPage } } },
    ...pickErrors(401, 403, 422),
  },
});

export function registerAuditApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(auditRoute, async (c) => {
    const ctx = c.get("ctx");
    const { query: _query, ...page } = await listAuditEvents(ctx.database.db, ctx.actor, c.req.query());
    return c.json(page, 200);
  });
}
