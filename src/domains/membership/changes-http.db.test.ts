import { OpenAPIHono } from "@hono/zod-openapi";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { createApiToken, createUser } from "~/domains/accounts/service";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createApp } from "~/http/app";
import type { AppEnv } from "~/http/context";
import { errorResponse } from "~/http/errors";
import { createRouter } from "~/http/openapi";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { registerMembershipChangesApi } from "./changes-http";

/**
 * Until src/http/api.ts registers these routes, the test mounts them behind the real app's
 * request context (authentication, CSRF, language): requests to `/t/api/v1/…` reach the app's
 * page hook with the resolved context and are answered by a router holding only these routes.
 */
let database: TestDatabase;
let request: (path: string, init?: RequestInit) => Promise<Response>;

async function tokenFor(role: "secretariat" | "board" | "member_contact", organisationId: string | null = null) {
  const user = await createUser(database.db, system("test"), {
    email: `${role}-${Math.random().toString(16).slice(2)}@test.example`,
    name: `Test ${role}`,
    role,
    organisationId,
    language: null,
  });
  return { authorization: `Bearer ${await createApiToken(database.db, system("test"), user.id, "test")}` };
}

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  const api = createRouter();
  registerMembershipChangesApi(api);
  const app = createApp({
    database,
    pages: async (req, ctx) => {
      const inner = new OpenAPIHono<AppEnv>();
      inner.use("*", async (c, next) => {
        c.set("ctx", ctx);
        await next();
      });
      inner.route("/api/v1", api);
      inner.onError((err, c) => errorResponse(c, err));
      const url = new URL(req.url);
      url.pathname = url.pathname.replace(/^\/t/, "");
      return inner.fetch(new Request(url, req));
    },
  });
  request = async (path, init) => app.request(`/t${path}`, init);
});
afterAll(async () => {
  await database?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  request(path, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("membership changes over HTTP", () => {
  it("the secretariat suspends and re-admits; others are refused", async () => {
    const org = await buildOrganisation(database.db);
    const secretariat = await tokenFor("secretariat");
    const board = await tokenFor("board");
    const contact = await tokenFor("member_contact", org.id);

    // A visitor without credentials is refused (by the CSRF check, before the policy).
    expect((await post(`/api/v1/organisations/${org.id}/suspension`, { reason: "Unpaid" }, {})).status).toBe(403);
    expect((await post(`/api/v1/organisations/${org.id}/suspension`, { reason: "Unpaid" }, board)).status).toBe(403);
    expect((await post(`/api/v1/organisations/${org.id}/suspension`, { reason: "Unpaid" }, contact)).status).toBe(403);
    const missing = await post(`/api/v1/organisations/${org.id}/suspension`, {}, secretariat);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields).toHaveProperty("reason");

    const suspended = await post(`/api/v1/organisations/${org.id}/suspension`, { reason: "Unpaid" }, secretariat);
    expect(suspended.status).toBe(201);
    expect(await suspended.json()).toMatchObject({ kind: "suspension", reason: "Unpaid" });

    const list = await request(`/api/v1/organisations/${org.id}/membership-changes`, { headers: contact });
    expect(list.status).toBe(200);
    expect((await list.json()).suspendedSince).not.toBeNull();

    expect((await post(`/api/v1/organisations/${org.id}/readmission`, {}, secretariat)).status).toBe(201);
    expect((await post(`/api/v1/organisations/${org.id}/readmission`, {}, secretariat)).status).toBe(409);
    expect((await post("/api/v1/membership-changes/apply-due", {}, board)).status).toBe(403);
    const applied = await post("/api/v1/membership-changes/apply-due", {}, secretariat);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toEqual({ resigned: [], suspended: [] });
  });

  it("a member contact resigns their own organisation; the certificate is a PDF, 409 for non-members", async () => {
    const org = await buildOrganisation(database.db, { name: "Region Västerbotten", country: "SE", type: "region" });
    const contact = await tokenFor("member_contact", org.id);

    const pdf = await request(`/api/v1/organisations/${org.id}/membership-certificate`, { headers: contact });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-language")).toBe("sv");
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getTitle()).toBe("Medlemsintyg — Region Västerbotten");
    const english = await request(`/api/v1/organisations/${org.id}/membership-certificate?lang=en`, {
      headers: contact,
    });
    expect(english.headers.get("content-language")).toBe("en");
    expect((await request(`/api/v1/organisations/${org.id}/membership-certificate`)).status).toBe(401);

    const resigned = await post(`/api/v1/organisations/${org.id}/resignation`, { reason: "Reorganisation" }, contact);
    expect(resigned.status).toBe(201);
    expect((await resigned.json()).effectiveOn).toMatch(/-12-31$/);

    const applicant = await buildOrganisation(database.db, { status: "applicant" });
    const secretariat = await tokenFor("secretariat");
    const refused = await request(`/api/v1/organisations/${applicant.id}/membership-certificate`, {
      headers: secretariat,
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("conflict");
  });

  it("publishes member counts per year to anyone", async () => {
    const res = await request("/api/v1/stats/members/by-year");
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { year: number; members: number }[];
    expect(rows.at(-1)?.year).toBe(new Date().getUTCFullYear());
    expect(rows.at(-1)?.members).toBeGreaterThan(0);
  });
});
