/**
 * The calendar feeds over HTTP (iCalendar): the public feed of public meetings, and a person's
 * private feed at `/calendar/<token>.ics` (no session: the token in the address is the credential).
 * The `.ics` suffix is part of the path parameter and stripped here. Registered by src/http/api.ts.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { linkBase } from "~/domains/accounts/service";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { privateCalendar, publicCalendar } from "./calendar";

const tags = ["governance"];
const ics = { "text/calendar": { schema: z.string().openapi({ description: "An iCalendar (RFC 5545) file" }) } };

const publicRoute = createRoute({
  method: "get",
  path: "/calendar/public.ics",
  tags,
  security: [],
  summary: "The public calendar: public meetings of the governance bodies (iCalendar, no sign-in)",
  description:
    "Meetings marked public, from twelve months back into the future, in English. Each event's UID is `<meeting id>@ponte` and never changes; SEQUENCE grows with every published change; a cancelled meeting stays with STATUS:CANCELLED. Times are in UTC.",
  responses: { 200: { description: "The feed", content: ics } },
});

const privateRoute = createRoute({
  method: "get",
  path: "/calendar/{file}",
  tags,
  security: [],
  summary: "A person's private calendar feed (iCalendar; the secret address is the credential)",
  description:
    "`file` is `<token>.ics`, the address shown once on /account/calendar (reset there, the old address answers 404). The person's meetings (as a participant; every meeting for the secretariat, every Board meeting for the Board), from twelve months back into the future, in their language.",
  request: {
    params: z.object({ file: z.string().openapi({ param: { name: "file", in: "path" }, example: "abc123.ics" }) }),
  },
  responses: { 200: { description: "The feed", content: ics }, ...pickErrors(404) },
});

export function registerCalendarApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(publicRoute, async (c) => {
    const { database } = c.get("ctx");
    const body = await publicCalendar(database.db, { baseUrl: linkBase(new URL(c.req.url).origin) });
    return c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="public.ics"',
      "Cache-Control": "public, max-age=300",
    });
  });

  api.openapi(privateRoute, async (c) => {
    const { database } = c.get("ctx");
    const file = c.req.valid("param").file;
    if (!file.endsWith(".ics")) throw new AppError("not_found");
    const body = await privateCalendar(database.db, file.slice(0, -".ics".length), {
      baseUrl: linkBase(new URL(c.req.url).origin),
    });
    return c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="meetings.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    });
  });
}
