/**
 * The membership API: the public application (multipart, with the signed PDF), the list of
 * applications for the secretariat and the Board, and the Board's decision.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { linkBase } from "~/domains/accounts/service";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { Application, ApplicationFields, ApplicationList, ApplicationQuery, DecisionInput } from "./contract";
import { readApplicationForm } from "./form-data";
import { getApplication, listApplications, recordDecision, submitApplication } from "./service";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });

/** The multipart body, documented as an OpenAPI schema (checked by the service, which names every field). */
const multipartSchema = {
  type: "object" as const,
  required: [
    "language",
    "name",
    "country",
    "type",
    "legalName",
    "legalEmail",
    "contactName",
    "contactEmail",
    "contactLanguage",
    "acceptStatute",
    "acceptPrivacy",
  ],
  properties: {
    ...Object.fromEntries(
      Object.keys(ApplicationFields.shape).map((key) => [
        key,
        key === "priorities"
          ? {
              type: "array" as const,
              items: { type: "string" as const },
              description: "Priority codes (repeat the field)",
            }
          : { type: "string" as const },
      ]),
    ),
    letterFile: { type: "string" as const, format: "binary", description: "Presentation letter, PDF ≤ 10 MB" },
    signedForm: { type: "string" as const, format: "binary", description: "Signed application form, PDF ≤ 10 MB" },
  },
};

const Submitted = z
  .object({
    id: z.uuid(),
    reference: z.string().openapi({ example: "SERN-2026-0001" }),
    status: z.literal("submitted"),
    outcome: z.enum(["member", "partner"]),
  })
  .openapi("MembershipApplicationSubmitted");

const applyRoute = createRoute({
  method: "post",
  path: "/membership-applications",
  tags: ["membership"],
  summary: "Apply for membership (public)",
  description:
    "No account needed. `multipart/form-data` with the application's fields and, optionally, the presentation letter (`letterFile`) and the signed application form (`signedForm`), each a real PDF of at most 10 MB. `acceptStatute` and `acceptPrivacy` must be `true`; the versions accepted and the time are recorded. The outcome says whether the organisation can become a member (Italian and Swedish authorities, associations, civil-society and education bodies) or a partner (anyone else from the EU). The private link to follow and complete the application is e-mailed to the contact person in their language. Without a bearer token, echo the `ponte_csrf` cookie as the `X-CSRF-Token` header or `_csrf` field.",
  request: { body: { required: true, content: { "multipart/form-data": { schema: multipartSchema } } } },
  responses: {
    201: { description: "Received", content: json(Submitted) },
    ...pickErrors(400, 403, 413, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/membership-applications",
  tags: ["membership"],
  summary: "Membership applications, newest first (secretariat, Board)",
  request: { query: ApplicationQuery },
  responses: {
    200: { description: "The applications", content: json(ApplicationList) },
    ...pickErrors(401, 403, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/membership-applications/{id}",
  tags: ["membership"],
  summary: "One membership application with its documents and possible duplicates (secretariat, Board)",
  request: { params: IdParam },
  responses: {
    200: { description: "The application", content: json(Application) },
    ...pickErrors(401, 403, 404),
  },
});

const DecisionResult = Application.extend({
  invoice: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  invitations: z.array(z.object({ email: z.string(), status: z.string() })),
}).openapi("MembershipDecisionResult");

const decisionRoute = createRoute({
  method: "post",
  path: "/membership-applications/{id}/decision",
  tags: ["membership"],
  summary: "Record the Board's decision (secretariat, the Board's chair)",
  description:
    "Only for an application that is `ready_for_board`. Approval, in one transaction: the organisation becomes a member (or partner) from `decidedOn` — a new directory entry, or the existing `organisationId` — with its legal representative and contact person; the contact person gets an account and an invitation in their language; a member's first invoice is issued. A rejection needs a `reason`. The applicant is told the outcome in their language.",
  request: { params: IdParam, body: { required: true, content: json(DecisionInput) } },
  responses: {
    200: { description: "The decided application", content: json(DecisionResult) },
    ...pickErrors(400, 401, 403, 404, 409, 422),
  },
});

/** The membership API (routes are added here). */
export function registerMembershipApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(applyRoute, async (c) => {
    const { database } = c.get("ctx");
    const form = await readApplicationForm(await c.req.formData());
    const created = await submitApplication(database.db, form, { baseUrl: linkBase(new URL(c.req.url).origin) });
    return c.json(
      { id: created.id, reference: created.reference, status: created.status, outcome: created.outcome },
      201,
    );
  });

  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await listApplications(database.db, actor, c.req.valid("query")), 200);
  });

  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { history: _history, ...app } = await getApplication(database.db, actor, c.req.valid("param").id);
    return c.json(app, 200);
  });

  api.openapi(decisionRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const result = await recordDecision(database.db, actor, c.req.valid("param").id, c.req.valid("json"), {
      baseUrl: linkBase(new URL(c.req.url).origin),
    });
    return c.json(result, 200);
  });
}
