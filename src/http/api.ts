import { registerAccountsApi } from "~/domains/accounts/http";
import { registerAuditApi } from "~/domains/audit/http";
import { registerFeesApi } from "~/domains/fees/http";
import { registerBodiesApi } from "~/domains/governance/bodies-http";
import { registerCalendarApi } from "~/domains/governance/calendar-http";
import { registerMeetingsApi } from "~/domains/governance/meetings-http";
import { registerMinutesApi } from "~/domains/governance/minutes-http";
import { registerVotesApi } from "~/domains/governance/votes-http";
import { registerInvoicingApi } from "~/domains/invoicing/http";
import { registerMembershipChangesApi } from "~/domains/membership/changes-http";
import { registerMembershipApi } from "~/domains/membership/http";
import { registerOrganisationsApi } from "~/domains/organisations/http";
import { registerProjectsApi } from "~/domains/projects/http";
import { registerProjectsImportApi } from "~/domains/projects/import-http";
import { registerProjectStatsApi } from "~/domains/projects/stats-http";
import { registerReferenceApi } from "~/domains/reference/http";
import { createRouter } from "./openapi";

/** The JSON API under /api/v1, described by the OpenAPI document generated from its zod schemas. */
export function createApi() {
  const api = createRouter();
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "ponte_session",
  });

  registerReferenceApi(api);
  registerOrganisationsApi(api);
  registerAccountsApi(api);
  registerAuditApi(api);
  registerMembershipApi(api);
  registerMembershipChangesApi(api);
  registerFeesApi(api);
  registerInvoicingApi(api);
  registerBodiesApi(api);
  registerMeetingsApi(api);
  registerVotesApi(api);
  registerMinutesApi(api);
  registerCalendarApi(api);
  // Before the core's routes, so /projects/import is never read as a project's id.
  registerProjectsImportApi(api);
  registerProjectsApi(api);
  registerProjectStatsApi(api);

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Ponte API",
      version: "1",
      description:
        "The JSON API of Ponte. Authenticate with `Authorization: Bearer <token>` (see `ponte token create`) or a session cookie plus the `X-CSRF-Token` header for changes.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { session: [] }],
  });
  return api;
}
