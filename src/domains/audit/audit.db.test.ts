import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/audit/audit";
import { auditEvents } from "~/audit/schema";
import { type Actor, anonymous, system } from "~/auth/actor";
import { createApiToken, setOwnLanguage } from "~/domains/accounts/service";
import type { RequestContext } from "~/http/context";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import type { AuditPage } from "./contract";
import * as auditPage from "./ui/audit-log";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
let secretariat: Awaited<ReturnType<ReturnType<typeof createTestApp>["actAs"]>>;
let board: Awaited<ReturnType<ReturnType<typeof createTestApp>["actAs"]>>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  secretariat = await http.actAs("secretariat");
  board = await http.actAs("board", { language: "it" });
  const boardActor: Actor = { kind: "user", user: board.user, via: "session" };
  await setOwnLanguage(database.db, boardActor, "sv");
  await createApiToken(database.db, system("cli"), board.user.id, "integration");
  // Two events at known times: late on 10 March 2024 in UTC is already 11 March in Parma.
  await database.db.insert(auditEvents).values([
    {
      at: new Date("2024-03-10T23:30:00Z"),
      actorLabel: "system:import",
      action: "organisation.update",
      entityType: "organisation",
      entityId: "org-1",
      before: { name: "Comune di Forli", inhabitants: 117000 },
      after: { name: "Comune di Forlì", inhabitants: 117000 },
    },
    {
      at: new Date("2024-03-09T12:00:00Z"),
      actorLabel: "system:import",
      action: "organisation.create",
      entityType: "organisation",
      entityId: "org-2",
      after: { name: "Malmö stad" },
    },
  ]);
  await database.db.transaction((tx) =>
    recordAudit(tx, system("cli"), { action: "organisation.archive", entityType: "organisation", entityId: "org-1" }),
  );
});
afterAll(async () => {
  await database?.close();
});

async function audit(query: string, headers: Record<string, string> = secretariat.headers) {
  const res = await http.request(`/api/v1/audit${query}`, { headers });
  return { status: res.status, body: (await res.json()) as AuditPage & { error?: { fields: Record<string, string> } } };
}

describe("the audit log API", () => {
  it("is for the secretariat only: 401 anonymous, 403 others", async () => {
    expect((await audit("", {})).status).toBe(401);
    const res = await audit("", board.headers);
    expect(res.status).toBe(403);
  });

  it("lists changes newest first, with who, what and the changed fields", async () => {
    const { status, body } = await audit("");
    expect(status).toBe(200);
    const times = body.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    const language = body.items.find((e) => e.action === "user.language");
    expect(language).toMatchObject({
      actorLabel: board.user.email,
      actorUserId: board.user.id,
      entityType: "user",
      entityId: board.user.id,
      changes: [{ field: "language", before: "it", after: "sv" }],
    });
    // Secrets never reach the log.
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|tokenHash/);
  });

  it("filters by action, actor, entity type and id", async () => {
    const byAction = await audit("?action=token.create");
    expect(byAction.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(["token.create"]));
    expect(new Set(byAction.body.items.map((e) => e.action))).toEqual(new Set(["token.create"]));

    const byActor = await audit(`?actor=${encodeURIComponent(board.user.email.slice(0, 12).toUpperCase())}`);
    expect(byActor.body.items.map((e) => e.action)).toEqual(["user.language"]);
    const byActorId = await audit(`?actor=${board.user.id}`);
    expect(byActorId.body.total).toBe(1);

    const byEntity = await audit("?entityType=organisation&entityId=org-1");
    expect(byEntity.body.items.map((e) => e.action)).toEqual(["organisation.archive", "organisation.update"]);
    expect(byEntity.body.items[1]?.changes).toEqual([
      { field: "name", before: "Comune di Forli", after: "Comune di Forlì" },
    ]);

    const none = await audit("?actor=nobody-at-all");
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it("filters by a range of days in the network's time zone, the last day included", async () => {
    const day = await audit("?from=2024-03-11&to=2024-03-11");
    expect(day.body.items.map((e) => e.entityId)).toEqual(["org-1"]);
    const before = await audit("?to=2024-03-10");
    expect(before.body.items.map((e) => e.entityId)).toEqual(["org-2"]);
    const range = await audit("?from=2024-03-09&to=2024-03-11");
    expect(range.body.total).toBe(2);
  });

  it("names bad filters with 422", async () => {
    const bad = await audit("?from=yesterday&pageSize=1000");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error?.fields ?? {}).sort()).toEqual(["from", "pageSize"]);
    const reversed = await audit("?from=2024-03-11&to=2024-03-10");
    expect(reversed.status).toBe(422);
    expect(reversed.body.error?.fields.to).toBe("The last day must not be before the first day.");
  });

  it("pages through the log", async () => {
    const all = await audit("");
    const first = await audit("?pageSize=2&page=1");
    const second = await audit("?pageSize=2&page=2");
    expect(first.body.total).toBe(all.body.total);
    expect(first.body.items).toHaveLength(2);
    expect([...first.body.items, ...second.body.items].map((e) => e.id)).toEqual(
      all.body.items.slice(0, 4).map((e) => e.id),
    );
  });
});

describe("the audit log page", () => {
  function context(actor: Actor): RequestContext {
    return { database, actor, language: "sv", t: translator("sv"), csrfToken: "x", secure: false, clientAddress: "x" };
  }
  type Args = Parameters<typeof auditPage.loader>[0];
  async function load(query: string, actor: Actor) {
    const request = new Request(`http://localhost/admin/audit${query}`);
    try {
      const value = await auditPage.loader({ request, context: context(actor), params: {} } as unknown as Args);
      return value as unknown;
    } catch (e) {
      return e;
    }
  }

  it("filters with the form's GET parameters and offers the actions that occur", async () => {
    const page = (await load("?entityType=organisation&action=&actor=", {
      kind: "user",
      user: secretariat.user,
      via: "session",
    })) as {
      items: { action: string }[];
      choices: { actions: string[]; entityTypes: string[] };
      values: Record<string, string>;
    };
    expect(page.items.map((e) => e.action)).toEqual([
      "organisation.archive",
      "organisation.update",
      "organisation.create",
    ]);
    expect(page.choices.actions).toEqual(
      expect.arrayContaining(["user.create", "user.language", "organisation.update"]),
    );
    expect(page.choices.entityTypes).toEqual(expect.arrayContaining(["api_token", "organisation", "user"]));
    expect(page.values.entityType).toBe("organisation");
  });

  it("shows field errors in the reader's language (422)", async () => {
    const out = (await load("?from=2024-03-11&to=2024-03-01", {
      kind: "user",
      user: secretariat.user,
      via: "session",
    })) as {
      init: ResponseInit;
      data: { fields: Record<string, string> };
    };
    expect(out.init.status).toBe(422);
    expect(out.data.fields.to).toBe("Sista dagen får inte vara före första dagen.");
  });

  it("answers 403 to a board member and sends anonymous visitors to sign in", async () => {
    const forbidden = (await load("", { kind: "user", user: board.user, via: "session" })) as { init: ResponseInit };
    expect(forbidden.init.status).toBe(403);
    const anon = (await load("?action=user.create", anonymous)) as Response;
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Faudit%3Faction%3Duser.create");
  });
});
