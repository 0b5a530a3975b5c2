/**
 * The directory's pages as the server runs them: each loader and action called with a real
 * request and a real database, as React Router would (the rendering is covered by the browser
 * journeys). What a user would notice: what a page shows, where a form sends them, which problem
 * it names in their language, and what they may not do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/actor";
import { buildProject, buildSubmission } from "~/domains/projects/testing";
import type { RequestContext } from "~/http/context";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import * as home from "~/ui/home";
import { getOrganisation } from "../service";
import { actorAs, buildContact, buildOrganisation, testActors } from "../testing";
import * as contactEdit from "./contact-edit";
import * as contactNew from "./contact-new";
import * as detail from "./detail";
import * as edit from "./edit";
import * as importPage from "./import";
import * as list from "./list";
import * as newPage from "./new";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

function context(actor: Actor, language: Language = "en"): RequestContext {
  return {
    database,
    actor,
    language,
    t: translator(language),
    csrfToken: "test",
    secure: false,
    clientAddress: "test",
  };
}

/** The arguments React Router passes to a loader or action. */
function args<P extends Record<string, string>>(
  path: string,
  actor: Actor,
  options: { params?: P; form?: FormData | Record<string, string | string[]>; language?: Language } = {},
) {
  const url = new URL(path, "http://localhost");
  let body: FormData | undefined;
  if (options.form instanceof FormData) body = options.form;
  else if (options.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(options.form)) for (const value of [v].flat()) body.append(k, value);
  }
  const request = new Request(url, body ? { method: "POST", body } : {});
  return {
    request,
    url,
    pattern: url.pathname,
    params: (options.params ?? {}) as P,
    context: context(actor, options.language),
  };
}

/** What a loader or action threw (a redirect or an error page), for assertions. */
async function thrown(promise: Promise<unknown>): Promise<{ status: number; location: string | null }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location") };
    if (e && typeof e === "object" && "init" in e) {
      const init = (e as { init?: ResponseInit | null }).init;
      return { status: init?.status ?? 200, location: null };
    }
    throw e;
  }
  throw new Error("expected the page to throw");
}

/** An action's answer: a redirect, or data with a status. */
function answer(result: unknown): { status: number; location: string | null; data: unknown } {
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), data: null };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const r = result as { data: unknown; init?: ResponseInit | null };
    return { status: r.init?.status ?? 200, location: null, data: r.data };
  }
  return { status: 200, location: null, data: result };
}

describe("the directory list", () => {
  it("finds Forlì by typing forli, shows names in the reader's language and offers export only to staff", async () => {
    const forli = await buildOrganisation(database.db, {
      name: "Comune di Forlì",
      officialCode: "040012",
      nuts3: "ITH58",
      inhabitants: 117946,
    });
    const visitor = await list.loader(args("/organisations?q=forli", testActors.anonymous, { language: "sv" }));
    expect(visitor.rows[0]).toMatchObject({
      id: forli.id,
      name: "Comune di Forlì",
      country: "Italien",
      type: "Kommun",
    });
    expect(visitor.actions).toMatchObject({ create: false, import: false, export: false });
    expect(visitor.options.statuses).toEqual(["member", "partner"]);

    const staff = await list.loader(args("/organisations?q=forli", testActors.secretariat()));
    expect(staff.actions).toMatchObject({ create: true, import: true, export: true });
    expect(staff.options.statuses).toEqual(["member", "partner", "applicant", "former"]);
    expect(staff.options.nuts2.map((r) => r.code)).toContain("ITH5");
  });

  it("ignores and names parameters it does not understand, and answers the rest", async () => {
    const result = await list.loader(args("/organisations?country=XYZ1&page=abc", testActors.anonymous));
    expect(result.problem).toBe("Some parts of the address were not understood and were ignored: country, page.");
    expect(result.filters.country).toBe("");
    expect(result.total).toBeGreaterThan(0);
  });

  it("sends a page number past the end to the last page, keeping the filters", async () => {
    const result = await thrown(list.loader(args("/organisations?country=IT&page=999", testActors.anonymous)));
    expect(result).toEqual({ status: 302, location: "/organisations?country=IT" });
  });
});

describe("adding an organisation", () => {
  it("sends a visitor to sign in and refuses a Board member", async () => {
    expect(await thrown(newPage.loader(args("/organisations/new", testActors.anonymous)))).toEqual({
      status: 302,
      location: "/login?redirectTo=%2Forganisations%2Fnew",
    });
    expect((await thrown(newPage.loader(args("/organisations/new", testActors.board())))).status).toBe(403);
  });

  it("fills the form from a chosen reference place", async () => {
    const page = await newPage.loader(
      args("/organisations/new?place=forli&pick=IT:municipality:040012", testActors.secretariat()),
    );
    expect(page.place.places.map((p) => p.name)).toContain("Forlì");
    expect(page.values).toMatchObject({
      name: "Forlì",
      country: "IT",
      type: "municipality",
      officialCode: "040012",
      nuts3: "ITH58",
    });
    expect(Number(page.values.inhabitants)).toBeGreaterThan(100_000);
  });

  it("names every problem in the reader's language and keeps what was typed", async () => {
    const form = {
      name: "",
      country: "",
      type: "municipality",
      website: "www.example",
      workingLanguages: "it, en",
      status: "member",
    };
    const result = answer(
      await newPage.action(args("/organisations/new", testActors.secretariat(), { form, language: "it" })),
    );
    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({
      values: { name: "", type: "municipality", website: "www.example", workingLanguages: "it, en" },
      problem: {
        message: translator("it")("errors:validation"),
        fields: {
          name: translator("it")("errors:field.required"),
          country: translator("it")("errors:field.required"),
          website: translator("it")("errors:field.invalidUrl"),
        },
      },
    });
  });

  it("creates the organisation and redirects to its page", async () => {
    const form = {
      name: "Comune di Predappio",
      country: "IT",
      type: "municipality",
      officialCode: "040032",
      nuts3: "ITH58",
      inhabitants: "6.244",
      priorities: ["climate_action", "smart_mobility"],
      status: "member",
      memberSince: "2025-05-20",
    };
    const result = answer(await newPage.action(args("/organisations/new", testActors.secretariat(), { form })));
    expect(result.status).toBe(302);
    const id = /^\/organisations\/([0-9a-f-]{36})\?notice=created$/.exec(result.location ?? "")?.[1] ?? "";
    const created = await getOrganisation(database.db, testActors.system, id);
    expect(created).toMatchObject({ name: "Comune di Predappio", inhabitants: 6244, nuts2: "ITH5" });
    expect(created.priorities.sort()).toEqual(["climate_action", "smart_mobility"]);
  });
});

describe("editing an organisation", () => {
  it("shows a member contact only the fields they may change, and saves them", async () => {
    const own = await buildOrganisation(database.db, { name: "Comune di Carpi" });
    const member = actorAs("member_contact", own.id);
    const page = await edit.loader(args(`/organisations/${own.id}/edit`, member, { params: { id: own.id } }));
    expect(page.editAll).toBe(false);
    expect(page.fields).not.toContain("status");
    expect(page.place).toBeNull();

    const form = {
      version: String(page.version),
      _fields: page.fields.join(","),
      name: "Comune di Carpi",
      employees: "1 234",
    };
    const saved = answer(
      await edit.action(args(`/organisations/${own.id}/edit`, member, { params: { id: own.id }, form })),
    );
    expect(saved).toMatchObject({ status: 302, location: `/organisations/${own.id}?notice=saved` });
    expect((await getOrganisation(database.db, member, own.id)).employees).toBe(1234);
  });

  it("refuses a member contact another organisation, and a field they may not change", async () => {
    const own = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    const member = actorAs("member_contact", own.id);
    expect(
      (await thrown(edit.loader(args(`/organisations/${other.id}/edit`, member, { params: { id: other.id } })))).status,
    ).toBe(403);
    const form = { version: "1", _fields: "name,status", name: own.name, status: "former" };
    const tampered = edit.action(args(`/organisations/${own.id}/edit`, member, { params: { id: own.id }, form }));
    expect((await thrown(tampered)).status).toBe(403);
  });

  it("asks to reload when someone else saved in between, and keeps what was typed", async () => {
    const org = await buildOrganisation(database.db);
    const form = { version: "1", _fields: "name", name: "Changed meanwhile" };
    const secretariat = testActors.secretariat();
    await edit.action(args(`/organisations/${org.id}/edit`, secretariat, { params: { id: org.id }, form }));
    const late = { version: "1", _fields: "name", name: "My late change" };
    const result = answer(
      await edit.action(
        args(`/organisations/${org.id}/edit`, secretariat, { params: { id: org.id }, form: late, language: "sv" }),
      ),
    );
    expect(result.status).toBe(412);
    expect(result.data).toMatchObject({
      values: { name: "My late change" },
      problem: { stale: true, message: translator("sv")("organisations:form.conflict") },
    });
  });

  it("answers 404 for an organisation that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const page = edit.loader(
      args(`/organisations/${missing}/edit`, testActors.secretariat(), { params: { id: missing } }),
    );
    expect((await thrown(page)).status).toBe(404);
  });
});

describe("the organisation page", () => {
  it("archives with the current version and keeps the history", async () => {
    const org = await buildOrganisation(database.db);
    const secretariat = testActors.secretariat();
    const page = await detail.loader(args(`/organisations/${org.id}`, secretariat, { params: { id: org.id } }));
    expect(page.organisation.can.archive).toBe(true);
    const form = { intent: "archive", version: String(page.organisation.version) };
    const result = answer(
      await detail.action(args(`/organisations/${org.id}`, secretariat, { params: { id: org.id }, form })),
    );
    expect(result).toMatchObject({ status: 302, location: `/organisations/${org.id}?notice=archived` });
    const after = await detail.loader(
      args(`/organisations/${org.id}?notice=archived`, secretariat, { params: { id: org.id } }),
    );
    expect(after.notice).toBe("archived");
    expect(after.organisation.status).toBe("former");
    expect(after.organisation.statusHistory.map((h) => h.toStatus)).toEqual(["former", "member"]);
  });

  it("hides contacts from visitors and shows type and country in the reader's language", async () => {
    const org = await buildOrganisation(database.db, { country: "SE", type: "municipal_association" });
    await buildContact(database.db, org.id);
    const page = await detail.loader(
      args(`/organisations/${org.id}`, testActors.anonymous, { params: { id: org.id }, language: "it" }),
    );
    expect(page).toMatchObject({ countryName: "Svezia", typeName: "Unione di comuni" });
    expect(page.organisation.contactsVisible).toBe(false);
    expect(page.organisation.contacts).toEqual([]);
  });
});

describe("contacts", () => {
  it("adds, edits and removes a contact, with field errors on the way", async () => {
    const org = await buildOrganisation(database.db);
    const member = actorAs("member_contact", org.id);
    const params = { id: org.id };
    const bad = answer(
      await contactNew.action(
        args(`/organisations/${org.id}/contacts/new`, member, { params, form: { name: "", email: "nope" } }),
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.data).toMatchObject({
      problem: {
        fields: { name: "This field is required.", email: "Must be an e-mail address, like name@example.org." },
      },
    });

    const form = { name: "Sara Rossi", email: "sara@example.org", preferredLanguage: "it", legalRepresentative: "on" };
    const added = answer(
      await contactNew.action(args(`/organisations/${org.id}/contacts/new`, member, { params, form })),
    );
    expect(added).toMatchObject({ status: 302, location: `/organisations/${org.id}?notice=contactAdded#contacts` });
    const [contact] = (await getOrganisation(database.db, member, org.id)).contacts;
    expect(contact).toMatchObject({ name: "Sara Rossi", legalRepresentative: true, primaryContact: false });
    const contactId = contact?.id ?? "";

    const path = `/organisations/${org.id}/contacts/${contactId}/edit`;
    const page = await contactEdit.loader(args(path, member, { params: { id: org.id, contactId } }));
    expect(page.values).toMatchObject({ name: "Sara Rossi", email: "sara@example.org", legalRepresentative: true });
    const saved = answer(
      await contactEdit.action(
        args(path, member, {
          params: { id: org.id, contactId },
          form: { intent: "save", name: "Sara Rossi", jobTitle: "Sindaca" },
        }),
      ),
    );
    expect(saved.status).toBe(302);
    expect((await getOrganisation(database.db, member, org.id)).contacts[0]).toMatchObject({
      jobTitle: "Sindaca",
      email: null,
      legalRepresentative: false,
    });

    const removed = answer(
      await contactEdit.action(args(path, member, { params: { id: org.id, contactId }, form: { intent: "delete" } })),
    );
    expect(removed).toMatchObject({ status: 302, location: `/organisations/${org.id}?notice=contactDeleted#contacts` });
    expect((await thrown(contactEdit.loader(args(path, member, { params: { id: org.id, contactId } })))).status).toBe(
      404,
    );
  });

  it("refuses a partner", async () => {
    const org = await buildOrganisation(database.db);
    const page = contactNew.loader(
      args(`/organisations/${org.id}/contacts/new`, actorAs("partner"), { params: { id: org.id } }),
    );
    expect((await thrown(page)).status).toBe(403);
  });
});

describe("the CSV import page", () => {
  const header = "name;country;type;official_code;inhabitants;priorities";

  it("lists every problem of a dry run by line and column in the reader's language", async () => {
    const form = new FormData();
    form.append("intent", "check");
    const csv = `\uFEFF${header}\nComune di Meldola;IT;township;040019;lots;climate_action\n`;
    form.append("file", new File([csv], "members.csv", { type: "text/csv" }));
    const result = answer(
      await importPage.action(args("/organisations/import", testActors.secretariat(), { form, language: "it" })),
    );
    expect(result.status).toBe(422);
    const report = (result.data as { report: { errors: { row: number; column: string | null; message: string }[] } })
      .report;
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: "type" }),
        expect.objectContaining({
          row: 2,
          column: "inhabitants",
          message: translator("it")("errors:field.notInteger"),
        }),
      ]),
    );
  });

  it("imports checked rows and reports the figures after a redirect, and a second import changes nothing", async () => {
    const csv = `${header}\nComune di Bertinoro;IT;municipality;040003;11005;climate_action|smart_mobility\n`;
    const checked = answer(
      await importPage.action(
        args("/organisations/import", testActors.secretariat(), { form: { intent: "check", csv } }),
      ),
    );
    // The checked file rides along in the page (as a form sends text: with CRLF line ends).
    expect(checked.data).toMatchObject({
      report: { dryRun: true, created: 1, errors: [] },
      csv: csv.replace(/\n/g, "\r\n"),
    });

    const applied = answer(
      await importPage.action(
        args("/organisations/import", testActors.secretariat(), { form: { intent: "import", csv } }),
      ),
    );
    expect(applied).toMatchObject({
      status: 302,
      location: "/organisations/import?rows=1&created=1&updated=0&unchanged=0",
    });
    const again = answer(
      await importPage.action(
        args("/organisations/import", testActors.secretariat(), { form: { intent: "import", csv } }),
      ),
    );
    expect(again.location).toBe("/organisations/import?rows=1&created=0&updated=0&unchanged=1");
    const page = await importPage.loader(args(again.location ?? "", testActors.secretariat()));
    expect(page.done).toEqual({ rows: 1, created: 0, updated: 0, unchanged: 1 });
  });

  it("asks for a file when none was given, and is for the secretariat only", async () => {
    const empty = answer(
      await importPage.action(
        args("/organisations/import", testActors.secretariat(), { form: { intent: "check", csv: " " } }),
      ),
    );
    expect(empty).toMatchObject({ status: 422, data: { problem: "Choose a CSV file or paste its text." } });
    expect((await thrown(importPage.loader(args("/organisations/import", testActors.board())))).status).toBe(403);
  });
});

describe("the home page", () => {
  it("shows the member figures with country and type names in the reader's language", async () => {
    const db = await createTestDatabase({ places: false });
    try {
      await buildOrganisation(db.db, { country: "IT", type: "municipality" });
      await buildOrganisation(db.db, { country: "IT", type: "civil_society" });
      await buildOrganisation(db.db, { country: "SE", type: "municipality" });
      await buildOrganisation(db.db, { country: "SE", type: "region", status: "applicant" });
      // Two submissions decided (one approved), one idea not submitted yet.
      await buildSubmission(db.db, "approved", {
        grantRequestedCents: 30_000_000,
        grantAwardedCents: 25_000_000,
        participantsActual: 120,
      });
      await buildSubmission(db.db, "rejected");
      await buildProject(db.db);
      const request = new Request("http://localhost/");
      const page = await home.loader({
        request,
        url: new URL(request.url),
        pattern: "/",
        params: {},
        context: { ...context(testActors.anonymous, "sv"), database: db },
      });
      expect(page).toEqual({
        projects: {
          submitted: 2,
          approved: 1,
          rejected: 1,
          grantRate: 0.5,
          participants: 120,
          euGrantAwardedCents: 25_000_000,
        },
        total: 3,
        publicAuthorities: 2,
        nonPublic: 1,
        byCountry: [
          { code: "IT", name: "Italien", count: 2 },
          { code: "SE", name: "Sverige", count: 1 },
        ],
        byType: [
          { code: "municipality", name: "Kommun", count: 2 },
          { code: "civil_society", name: "Civilsamhällesorganisation", count: 1 },
        ],
      });
    } finally {
      await db.close();
    }
  });
});
