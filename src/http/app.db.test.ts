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

describe("request size limits", () => {
  it("answers 413 with the limit when a JSON body is too large", async () => {
    const { headers } = await http.actAs("secretariat");
    const res = await http.request("/api/v1/organisations", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toContain("1 MB");
  });
});

describe("API docs", () => {
  it("serves Swagger UI from the installed package, no CDN", async () => {
    const page = await http.request("/api/docs", { headers: { "accept-language": "it" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain("/api/docs/assets/swagger-ui-bundle.js");
    expect(html).not.toMatch(/cdn|unpkg|jsdelivr/);
    const bundle = await http.request("/api/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
  });
});

describe("cookies", () => {
  it("are HttpOnly and SameSite, and Secure only over HTTPS", async () => {
    const plain = await http.request("http://ponte.example/api/v1/openapi.json");
    const overHttp = plain.headers.get("set-cookie") ?? "";
    expect(overHttp).toContain("ponte_csrf=");
    expect(overHttp).toContain("HttpOnly");
    expect(overHttp).toContain("SameSite=Lax");
    expect(overHttp).not.toContain("Secure");
    const tls = await http.request("https://ponte.example/api/v1/openapi.json");
    expect(tls.headers.get("set-cookie") ?? "").toContain("Secure");
  });
});

describe("API tokens", () => {
  it("record when they were last used, at most once every five minutes", async () => {
    const { headers, user } = await http.actAs("board");
    const lastUsed = async () =>
      (
        await database.query<{ last_used_at: Date | null }>("select last_used_at from api_tokens where user_id = $1", [
          user.id,
        ])
      )[0]?.last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await http.request("/api/v1/me", { headers })).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect((await http.request("/api/v1/me", { headers })).status).toBe(200);
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
  });
});
