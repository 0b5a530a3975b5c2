import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { buildBoard, buildMemberPerson, type TestPerson } from "./testing";

/** The bodies and mandates API through the real app (authentication, validation, errors). */
let database: TestDatabase;
let api: ReturnType<typeof createTestApp>;
let people: TestPerson[];
let headers: Record<string, Record<string, string>>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  api = createTestApp(database);
  ({ people } = await buildBoard(database.db, { it: 5, se: 4, startsOn: "2026-04-16" }));
  const organisationId = people[0]?.organisation.id ?? "";
  headers = {
    secretariat: (await api.actAs("secretariat", { language: "it" })).headers,
    board: (await api.actAs("board")).headers,
    member: (await api.actAs("member_contact", { organisationId })).headers,
  };
});
afterAll(async () => {
  await database?.close();
});

const send = (method: string, path: string, who: Record<string, string> | null, body?: unknown) =>
  api.request(`/api/v1${path}`, {
    method,
    headers: { ...(who ?? {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe("GET /bodies", () => {
  it("shows anonymous callers the public bodies with names and organisations only", async () => {
    const res = await send("GET", "/bodies", null);
    expect(res.status).toBe(200);
    const bodies = (await res.json()) as { code: string; holders: Record<string, unknown>[] }[];
    expect(bodies.map((b) => b.code)).toEqual(expect.arrayContaining(["board", "chair", "presidium"]));
    expect(bodies.map((b) => b.code)).not.toContain("project_group");
    expect(bodies.map((b) => b.code)).not.toContain("secretariat");
    const holder = bodies.find((b) => b.code === "board")?.holders[0];
    expect(Object.keys(holder ?? {}).sort()).toEqual([
      "lastDay",
      "name",
      "organisationCountry",
      "organisationName",
      "role",
      "startsOn",
    ]);
    expect(JSON.stringify(bodies)).not.toContain(people[0]?.contact.email ?? "@");
  });

  it("gives the secretariat every body with e-mail addresses, the Board without", async () => {
    const all = (await (await send("GET", "/bodies", headers.secretariat ?? null)).json()) as {
      code: string;
      vacancies: number | null;
      holders: { email?: string | null }[];
    }[];
    expect(all.map((b) => b.code)).toContain("project_group");
    const board = all.find((b) => b.code === "board");
    expect(board?.vacancies).toBe(1);
    expect(board?.holders.map((h) => h.email)).toContain(people[0]?.contact.email);
    const forBoard = await (await send("GET", "/bodies", headers.board ?? null)).text();
    expect(forBoard).toContain("project_group");
    expect(forBoard).not.toContain(people[0]?.contact.email ?? "@");
  });
});

describe("one body", () => {
  it("is for the secretariat and the Board", async () => {
    expect((await send("GET", "/bodies/board", null)).status).toBe(401);
    expect((await send("GET", "/bodies/board", headers.member ?? null)).status).toBe(403);
    const res = await send("GET", "/bodies/board?at=2026-11-26", headers.board ?? null);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: "board", memberCount: 9, vacancies: 1, at: "2026-11-26" });
    expect((await send("GET", "/bodies/nope", headers.board ?? null)).status).toBe(404);
    const badDate = await send("GET", "/bodies/board/mandates?at=someday", headers.board ?? null);
    expect(badDate.status).toBe(422);
    expect((await badDate.json()).error.fields).toHaveProperty("at");
  });

  it("changes the rules for the secretariat only, naming bad fields", async () => {
    expect((await send("PUT", "/bodies/presidium", headers.board ?? null, { seats: 6 })).status).toBe(403);
    const bad = await send("PUT", "/bodies/presidium", headers.secretariat ?? null, { quorumPercent: 150, seats: 0 });
    expect(bad.status).toBe(422);
    const fields = (await bad.json()).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["quorumPercent", "seats"]);
    expect(fields.quorumPercent).toBe("Deve essere al massimo 100.");
    const ok = await send("PUT", "/bodies/presidium", headers.secretariat ?? null, { quorumPercent: 75 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ quorumPercent: 75, seats: 4 });
  });
});

describe("mandates", () => {
  it("records, lists and ends a mandate; others are refused", async () => {
    const italian = await buildMemberPerson(database.db, "IT");
    const swede = await buildMemberPerson(database.db, "SE");
    const input = { contactId: swede.contact.id, startsOn: "2026-06-01", decisionNote: "Board 2026-06-01" };
    expect((await send("POST", "/bodies/board/mandates", headers.member ?? null, input)).status).toBe(403);
    expect((await send("POST", "/bodies/board/mandates", headers.board ?? null, input)).status).toBe(403);

    const empty = await send("POST", "/bodies/board/mandates", headers.secretariat ?? null, {});
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.fields).toHaveProperty("startsOn");
    const sixth = await send("POST", "/bodies/board/mandates", headers.secretariat ?? null, {
      ...input,
      contactId: italian.contact.id,
    });
    expect(sixth.status).toBe(422);
    expect(Object.keys((await sixth.json()).error.fields)).toEqual(["contactId"]);
    const assembly = await send("POST", "/bodies/general_assembly/mandates", headers.secretariat ?? null, input);
    expect(assembly.status).toBe(422);
    expect(Object.keys((await assembly.json()).error.fields)).toEqual(["bodyCode"]);
    expect((await send("POST", "/bodies/nope/mandates", headers.secretariat ?? null, input)).status).toBe(404);

    const created = await send("POST", "/bodies/board/mandates", headers.secretariat ?? null, input);
    expect(created.status).toBe(201);
    const mandate = (await created.json()) as { id: string; endsOn: string; status: string };
    expect(mandate).toMatchObject({ endsOn: "2028-05-31", status: "current" });

    const current = await send("GET", "/bodies/board/mandates?at=2026-11-26", headers.board ?? null);
    expect(((await current.json()) as unknown[]).length).toBe(10);

    expect((await send("POST", `/mandates/${mandate.id}/end`, headers.board ?? null, { reason: "x" })).status).toBe(
      403,
    );
    const ended = await send("POST", `/mandates/${mandate.id}/end`, headers.secretariat ?? null, {
      endedOn: "2026-10-01",
      reason: "Resigned",
    });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ endedOn: "2026-10-01", status: "past" });
    expect(
      (await send("POST", `/mandates/${mandate.id}/end`, headers.secretariat ?? null, { reason: "Again" })).status,
    ).toBe(409);
    expect(
      (
        await send("POST", "/mandates/00000000-0000-4000-8000-000000000000/end", headers.secretariat ?? null, {
          reason: "x",
        })
      ).status,
    ).toBe(404);

    const history = (await (
      await send("GET", "/bodies/board/mandates?at=2026-11-26&history=true", headers.board ?? null)
    ).json()) as { id: string; status: string }[];
    expect(history.find((m) => m.id === mandate.id)?.status).toBe("past");
    expect(history.length).toBe(10);
  });
});

describe("the OpenAPI document", () => {
  it("describes the bodies and mandates routes and stays valid", async () => {
    const doc = await (await api.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/bodies", "/bodies/{code}", "/bodies/{code}/mandates", "/mandates/{id}/end"]),
    );
    expect(Object.keys(doc.paths["/bodies/{code}"])).toEqual(expect.arrayContaining(["get", "put"]));
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });
});
