import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
});
afterAll(async () => {
  await database?.close();
});

describe("health and the API's edges", () => {
  it("reports alive and ready with the database kind", async () => {
    expect((await http.request("/healthz")).status).toBe(200);
    const ready = await http.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: database.kind });
  });

  it("answers unknown API paths with a JSON 404 in the caller's language", async () => {
    const res = await http.request("/api/v1/nothing-here", { headers: { "accept-language": "sv-SE,sv;q=0.9" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Hittades inte.", fields: {} } });
  });

  it("rejects an unknown bearer token with 401", async () => {
    const res = await http.request("/api/v1/openapi.json", { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a cookie-authenticated change without the CSRF token", async () => {
    const res = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "ponte_csrf=abc" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/form has expired/);
  });

  it("serves an OpenAPI 3.1 document", async () => {
    const res = await http.request("/api/v1/openapi.json");
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
  });
});
