import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { actorAs } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { markReady } from "./service";
import { applicationFields, fakePdf, realPdf } from "./testing";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  await putSchedule(database.db, system("test"), new Date().getUTCFullYear(), {
    currency: "EUR",
    example: true,
    rules: demoFeeRules(),
  });
});
afterAll(async () => {
  await database?.close();
});

/** Like a browser: a first GET hands out the CSRF cookie, which the public POST echoes. */
async function csrf(): Promise<{ cookie: string; token: string }> {
  const res = await http.request("/api/v1/openapi.json");
  const token = /ponte_csrf=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "";
  return { cookie: `ponte_csrf=${token}`, token };
}

async function multipart(
  fields: Record<string, unknown>,
  files: Record<string, { filename: string; content: Uint8Array }> = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const value of [v].flat()) body.append(k, String(value));
  }
  for (const [k, f] of Object.entries(files)) {
    body.append(k, new File([Buffer.from(f.content)], f.filename, { type: "application/pdf" }));
  }
  return body;
}

async function apply(
  fields: Record<string, unknown>,
  files: Record<string, { filename: string; content: Uint8Array }> = {},
  language = "en",
) {
  const { cookie, token } = await csrf();
  return http.request("/api/v1/membership-applications", {
    method: "POST",
    headers: { cookie, "x-csrf-token": token, "accept-language": language },
    body: await multipart(fields, files),
  });
}

describe("POST /api/v1/membership-applications", () => {
  it("accepts a public multipart application with the signed PDF (201), member or partner", async () => {
    const res = await apply(applicationFields(), { signedForm: await realPdf() });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "submitted", outcome: "member" });
    expect(body.reference).toMatch(/^SERN-\d{4}-\d{4}$/);
    expect(body).not.toHaveProperty("token");
    const partner = await apply(applicationFields({ country: "DE", name: "Stadt Freiburg" }));
    expect((await partner.json()).outcome).toBe("partner");
  });

  it("refuses a fake PDF with 422 naming the field, in the caller's language", async () => {
    const res = await apply(applicationFields({ language: "it" }), { signedForm: fakePdf() }, "it");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.fields.signedForm).toBe(
      "Modulo di domanda firmato (PDF): il file non è un PDF. Carica il documento come file PDF.",
    );
  });

  it("refuses a file over 10 MB", async () => {
    const big = await realPdf();
    const content = new Uint8Array(10 * 1024 * 1024 + 10);
    content.set(big.content);
    const res = await apply(applicationFields(), { signedForm: { filename: "big.pdf", content } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.signedForm).toContain("10 MB");
  });

  it("refuses a call without the CSRF token", async () => {
    const res = await http.request("/api/v1/membership-applications", {
      method: "POST",
      headers: { cookie: "ponte_csrf=abc" },
      body: await multipart(applicationFields()),
    });
    expect(res.status).toBe(403);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/membership-applications", "/membership-applications/{id}/decision"]),
    );
    expect(doc.paths["/membership-applications"].post.requestBody.content).toHaveProperty("multipart/form-data");
  });
});

describe("GET /api/v1/membership-applications and the decision", () => {
  it("lists by status for the secretariat and the Board, not for others; the secretariat records the decision", async () => {
    const created = await (
      await apply(applicationFields({ name: "Comune di Russi" }), { signedForm: await realPdf() })
    ).json();
    const secretariat = await http.actAs("secretariat");
    const board = await http.actAs("board");
    const member = await http.actAs("expert");

    const list = await http.request("/api/v1/membership-applications?status=submitted", {
      headers: secretariat.headers,
    });
    expect(list.status).toBe(200);
    const items = (await list.json()).items as { id: string; status: string }[];
    expect(items.map((i) => i.id)).toContain(created.id);
    expect(items.every((i) => i.status === "submitted")).toBe(true);
    expect((await http.request("/api/v1/membership-applications", { headers: board.headers })).status).toBe(200);
    expect((await http.request("/api/v1/membership-applications", { headers: member.headers })).status).toBe(403);
    expect((await http.request("/api/v1/membership-applications")).status).toBe(401);
    expect(
      (await http.request("/api/v1/membership-applications?status=maybe", { headers: board.headers })).status,
    ).toBe(422);

    await markReady(database.db, actorAs("secretariat"), created.id);
    const decide = (headers: Record<string, string>, body: unknown) =>
      http.request(`/api/v1/membership-applications/${created.id}/decision`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const today = new Date().toISOString().slice(0, 10);
    expect((await decide(board.headers, { decision: "approve", decidedOn: today })).status).toBe(403);
    const res = await decide(secretariat.headers, { decision: "approve", decidedOn: today });
    expect(res.status).toBe(200);
    const decided = await res.json();
    expect(decided).toMatchObject({ status: "approved", decision: "approve", decidedOn: today });
    expect(decided.invoice.number).toMatch(/^\d{4}-\d{4}$/);
    const org = await (
      await http.request(`/api/v1/organisations/${decided.organisationId}`, { headers: secretariat.headers })
    ).json();
    expect(org).toMatchObject({ name: "Comune di Russi", status: "member", memberSince: today });
    expect((await decide(secretariat.headers, { decision: "approve", decidedOn: today })).status).toBe(409);
  });
});
