import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { buildContact, buildOrganisation } from "./testing";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
let secretariat: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  secretariat = (await http.actAs("secretariat")).headers;
});
afterAll(async () => {
  await database?.close();
});

const jsonHeaders = (headers: Record<string, string>, extra: Record<string, string> = {}) => ({
  ...headers,
  "content-type": "application/json",
  ...extra,
});

async function post(path: string, body: unknown, headers: Record<string, string>) {
  return http.request(path, { method: "POST", headers: jsonHeaders(headers), body: JSON.stringify(body) });
}

async function patch(path: string, body: unknown, headers: Record<string, string>, ifMatch?: string) {
  return http.request(path, {
    method: "PATCH",
    headers: jsonHeaders(headers, ifMatch ? { "if-match": ifMatch } : {}),
    body: JSON.stringify(body),
  });
}

describe("organisation CRUD over HTTP", () => {
  it("creates (201, ETag, Location), reads, updates with If-Match and archives", async () => {
    const created = await post(
      "/api/v1/organisations",
      {
        name: "Comune di Parma",
        country: "IT",
        type: "municipality",
        officialCode: "034027",
        nuts3: "ITH52",
        status: "member",
      },
      secretariat,
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"v1"');
    const org = await created.json();
    expect(created.headers.get("location")).toBe(`/api/v1/organisations/${org.id}`);
    expect(org).toMatchObject({ nuts2: "ITH5", region: "Emilia-Romagna, Parma", version: 1 });

    const read = await http.request(`/api/v1/organisations/${org.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"v1"');

    const noIfMatch = await patch(`/api/v1/organisations/${org.id}`, { inhabitants: 198_000 }, secretariat);
    expect(noIfMatch.status).toBe(428);

    const updated = await patch(`/api/v1/organisations/${org.id}`, { inhabitants: 198_000 }, secretariat, '"v1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.get("etag")).toBe('"v2"');
    expect((await updated.json()).inhabitants).toBe(198_000);

    const stale = await patch(`/api/v1/organisations/${org.id}`, { inhabitants: 1 }, secretariat, '"v1"');
    expect(stale.status).toBe(412);
    expect((await stale.json()).error.code).toBe("precondition_failed");

    const deleteWithout = await http.request(`/api/v1/organisations/${org.id}`, {
      method: "DELETE",
      headers: secretariat,
    });
    expect(deleteWithout.status).toBe(428);
    const deleteStale = await http.request(`/api/v1/organisations/${org.id}`, {
      method: "DELETE",
      headers: { ...secretariat, "if-match": '"v1"' },
    });
    expect(deleteStale.status).toBe(412);
    const archived = await http.request(`/api/v1/organisations/${org.id}`, {
      method: "DELETE",
      headers: { ...secretariat, "if-match": '"v2"' },
    });
    expect(archived.status).toBe(200);
    expect(archived.headers.get("etag")).toBe('"v3"');
    expect((await archived.json()).status).toBe("former");

    // Archived, not erased: the secretariat still reads it with its history; visitors do not.
    const detail = await (await http.request(`/api/v1/organisations/${org.id}`, { headers: secretariat })).json();
    expect(detail.statusHistory.map((s: { toStatus: string }) => s.toStatus)).toEqual(["former", "member"]);
    expect((await http.request(`/api/v1/organisations/${org.id}`)).status).toBe(404);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect((await http.request("/api/v1/organisations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await http.request("/api/v1/organisations/not-a-uuid")).status).toBe(404);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 and a wrong content type with 415", async () => {
    const malformed = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: jsonHeaders(secretariat),
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    const wrongType = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: { ...secretariat, "content-type": "text/plain" },
      body: "name=x",
    });
    expect(wrongType.status).toBe(415);
  });

  it("names every wrong field with 422, in Swedish and Italian", async () => {
    const body = { name: "", country: "IT", type: "castle", inhabitants: "many", website: "ftp://x", extra: 1 };
    const sv = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: jsonHeaders(secretariat, { "accept-language": "sv" }),
      body: JSON.stringify(body),
    });
    expect(sv.status).toBe(422);
    const svBody = await sv.json();
    expect(svBody.error.message).toBe("Några fält behöver rättas.");
    expect(Object.keys(svBody.error.fields).sort()).toEqual(["extra", "inhabitants", "name", "type", "website"]);
    expect(svBody.error.fields.name).toBe("Fältet är obligatoriskt.");
    // A wrong value is named as wrong, not as missing.
    expect(svBody.error.fields.type).toMatch(/^Måste vara något av: region, province, municipality/);
    expect(svBody.error.fields.inhabitants).toBe("Måste vara ett tal.");

    const { headers: italian } = await http.actAs("secretariat", { language: "it" });
    const it_ = await post(
      "/api/v1/organisations",
      { name: "Ente", country: "DE", type: "private", status: "member", priorities: ["moon"] },
      italian,
    );
    expect(it_.status).toBe(422);
    const itBody = await it_.json();
    expect(itBody.error.fields).toEqual({
      status: "Gli enti di questo paese possono essere partner, non soci.",
      priorities: "Priorità sconosciuta: moon.",
    });
  });

  it("refuses a duplicate official code with 409 naming the field", async () => {
    await buildOrganisation(database.db, { officialCode: "034001" });
    const res = await post(
      "/api/v1/organisations",
      { name: "Copy", country: "IT", type: "municipality", officialCode: "034001" },
      secretariat,
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty("officialCode");
  });

  it("limits JSON bodies to 1 MB (413)", async () => {
    const res = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: jsonHeaders(secretariat),
      body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });
});

describe("who may do what", () => {
  it("lets a member contact edit their own organisation, not its status, not another organisation", async () => {
    const own = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    const { headers } = await http.actAs("member_contact", { organisationId: own.id });
    const ok = await patch(
      `/api/v1/organisations/${own.id}`,
      { employees: 120, website: "https://own.example" },
      headers,
      '"v1"',
    );
    expect(ok.status).toBe(200);

    const status = await patch(`/api/v1/organisations/${own.id}`, { status: "former" }, headers, '"v2"');
    expect(status.status).toBe(403);
    expect(Object.keys((await status.json()).error.fields)).toEqual(["status"]);

    const foreign = await patch(`/api/v1/organisations/${other.id}`, { employees: 1 }, headers, '"v1"');
    expect(foreign.status).toBe(403);

    const detail = await (await http.request(`/api/v1/organisations/${own.id}`, { headers })).json();
    expect(detail.can).toEqual({ edit: true, editAll: false, archive: false, editContacts: true });
  });

  it("hides applicants and contacts from visitors, and refuses their changes with 401", async () => {
    const applicant = await buildOrganisation(database.db, { status: "applicant", name: "Secret applicant" });
    const member = await buildOrganisation(database.db);
    await buildContact(database.db, member.id, { name: "Maria Rossi" });

    expect((await http.request(`/api/v1/organisations/${applicant.id}`)).status).toBe(404);
    const list = await (await http.request(`/api/v1/organisations?q=${encodeURIComponent("secret applicant")}`)).json();
    expect(list.total).toBe(0);
    const staff = await (
      await http.request("/api/v1/organisations?q=secret%20applicant", { headers: secretariat })
    ).json();
    expect(staff.total).toBe(1);

    const detail = await (await http.request(`/api/v1/organisations/${member.id}`)).json();
    expect(detail).toMatchObject({ contacts: [], contactsVisible: false });
    expect((await http.request(`/api/v1/organisations/${member.id}/contacts`)).status).toBe(401);
    const { headers: partner } = await http.actAs("partner");
    expect((await http.request(`/api/v1/organisations/${member.id}/contacts`, { headers: partner })).status).toBe(403);
    const { headers: expert } = await http.actAs("expert");
    const seen = await (await http.request(`/api/v1/organisations/${member.id}/contacts`, { headers: expert })).json();
    expect(seen.items.map((c: { name: string }) => c.name)).toEqual(["Maria Rossi"]);

    // A visitor's browser (CSRF cookie and header present) is asked to sign in.
    const csrf = { cookie: "ponte_csrf=token123", "x-csrf-token": "token123" };
    expect((await post("/api/v1/organisations", { name: "X", country: "IT", type: "private" }, csrf)).status).toBe(401);
  });
});

describe("contacts over HTTP", () => {
  it("creates, changes and deletes a contact", async () => {
    const org = await buildOrganisation(database.db);
    const created = await post(
      `/api/v1/organisations/${org.id}/contacts`,
      { name: "Luca Verdi", email: "luca@comune.example", legalRepresentative: true },
      secretariat,
    );
    expect(created.status).toBe(201);
    const contact = await created.json();
    expect(contact).toMatchObject({ preferredLanguage: "it", legalRepresentative: true, hasAccount: false });

    const changed = await patch(`/api/v1/contacts/${contact.id}`, { phone: "+39 0543 712111" }, secretariat);
    expect(changed.status).toBe(200);
    expect((await changed.json()).phone).toBe("+39 0543 712111");

    const bad = await patch(`/api/v1/contacts/${contact.id}`, { email: "nope" }, secretariat);
    expect(bad.status).toBe(422);

    const deleted = await http.request(`/api/v1/contacts/${contact.id}`, { method: "DELETE", headers: secretariat });
    expect(deleted.status).toBe(204);
    const list = await (
      await http.request(`/api/v1/organisations/${org.id}/contacts`, { headers: secretariat })
    ).json();
    expect(list.items).toEqual([]);
  });
});

describe("member figures", () => {
  it("publishes totals by country and type for everyone", async () => {
    const res = await http.request("/api/v1/stats/members");
    expect(res.status).toBe(200);
    const stats = await res.json();
    expect(stats).toMatchObject({ byCountry: { IT: expect.any(Number), SE: expect.any(Number) } });
    expect(stats.total).toBe(stats.publicAuthorities + stats.nonPublic);
    const sumByType = Object.values(stats.byType as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sumByType).toBe(stats.total);
  });
});

describe("the OpenAPI document", () => {
  it("describes the directory's routes", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/organisations",
        "/organisations/{id}",
        "/organisations/{id}/contacts",
        "/organisations/import",
        "/organisations/export",
        "/contacts/{id}",
        "/stats/members",
        "/reference/places",
      ]),
    );
  });
});
