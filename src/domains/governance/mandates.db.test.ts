import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { createUser, listOutbox } from "~/domains/accounts/service";
import { buildContact, buildOrganisation, testActors } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { getBody, listBodies, publicBodies, updateBodyRules } from "./bodies";
import { governanceJobs } from "./jobs";
import { createMandate, currentMandates, endMandate, governanceToday, listMandates, plusDays } from "./mandates";
import { sendTermWarnings, TERM_WARNINGS_SENT_SETTING } from "./term-warnings";
import { buildBoard, buildMandate, buildMemberPerson } from "./testing";

/**
 * Bodies and mandates against a real database: the Board's seats and country balance, offices
 * within the Board, one mandate per person at a time, default terms, ending a mandate, warnings
 * before terms end (and the daily mail to the secretariat), the public listing, who may change.
 */
let database: TestDatabase;
const secretariat = testActors.secretariat();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  // Every test composes its bodies from scratch.
  await database.query("delete from mandates");
});

/** The field problem a refused call names: { field: message key }. */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; fields: Record<string, string> }> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, v.key])) };
  }
  throw new Error("expected a refusal");
}

describe("seats and balance", () => {
  it("refuses an eleventh Board member while ten seats are held, and takes substitutes", async () => {
    await buildBoard(database.db);
    const extra = await buildMemberPerson(database.db, "SE");
    const refused = await refusal(() =>
      createMandate(database.db, secretariat, "board", { contactId: extra.contact.id, startsOn: "2026-06-01" }),
    );
    expect(refused).toEqual({ code: "validation", fields: { startsOn: "governance:errors.noSeat" } });
    // A substitute takes no seat; after the Board's term the seat is free again.
    const substitute = await createMandate(database.db, secretariat, "board", {
      contactId: extra.contact.id,
      startsOn: "2026-06-01",
      role: "substitute",
    });
    expect(substitute.role).toBe("substitute");
    const later = await buildMemberPerson(database.db, "SE");
    const next = await createMandate(database.db, secretariat, "board", {
      contactId: later.contact.id,
      startsOn: "2028-04-16",
    });
    expect(next.endsOn).toBe("2030-04-15");
    expect((await getBody(database.db, secretariat, "board", "2026-11-26")).vacancies).toBe(0);
  });

  it("gives the last seat to one of two mandates recorded at the same time", async () => {
    await buildBoard(database.db, { it: 4, se: 5 });
    const [a, b] = [await buildMemberPerson(database.db, "IT"), await buildMemberPerson(database.db, "IT")];
    const results = await Promise.allSettled(
      [a, b].map((p) =>
        createMandate(database.db, secretariat, "board", { contactId: p.contact.id, startsOn: "2026-06-01" }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await currentMandates(database.db, "board", "2026-11-26")).length).toBe(10);
  });

  it("refuses a sixth Italian on the Board, naming the person's field", async () => {
    await buildBoard(database.db, { it: 5, se: 0 });
    const sixth = await buildMemberPerson(database.db, "IT");
    const refused = await refusal(() =>
      createMandate(database.db, secretariat, "board", { contactId: sixth.contact.id, startsOn: "2026-05-01" }),
    );
    expect(refused).toEqual({ code: "validation", fields: { contactId: "governance:errors.balance" } });
    // A Swede may still join; with four Italians left after one ends, so may an Italian.
    const swede = await buildMemberPerson(database.db, "SE");
    await createMandate(database.db, secretariat, "board", { contactId: swede.contact.id, startsOn: "2026-05-01" });
    const board = await getBody(database.db, secretariat, "board", "2026-11-26");
    const first = board.holders.find((m) => m.organisationCountry === "IT");
    if (!first) throw new Error("no Italian member");
    await endMandate(database.db, secretariat, first.id, { endedOn: "2026-11-01", reason: "Resigned" });
    const joined = await createMandate(database.db, secretariat, "board", {
      contactId: sixth.contact.id,
      startsOn: "2026-11-01",
    });
    expect(joined.status).toBe("current");
  });

  it("refuses a member from a country outside the balance rule", async () => {
    await updateBodyRules(database.db, secretariat, "audit_committee", { balancedCountries: ["IT", "FI"] });
    const swede = await buildMemberPerson(database.db, "SE");
    const refused = await refusal(() =>
      createMandate(database.db, secretariat, "audit_committee", {
        contactId: swede.contact.id,
        startsOn: "2026-05-01",
      }),
    );
    await updateBodyRules(database.db, secretariat, "audit_committee", { balancedCountries: ["IT", "SE"] });
    expect(refused.fields).toEqual({ contactId: "governance:errors.outsideBalance" });
  });
});

describe("who may hold a mandate", () => {
  it("gives an office only to a Board member, for no longer than the Board seat", async () => {
    const { mandates, people } = await buildBoard(database.db, { it: 1, se: 1 });
    const outsider = await buildMemberPerson(database.db, "IT");
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "chair", { contactId: outsider.contact.id, startsOn: "2026-04-16" }),
        )
      ).fields,
    ).toEqual({ contactId: "governance:errors.officeNeedsParent" });
    const member = people[0];
    if (!member) throw new Error("no member");
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "chair", {
            contactId: member.contact.id,
            startsOn: "2026-04-16",
            endsOn: "2029-01-01",
          }),
        )
      ).fields,
    ).toEqual({ endsOn: "governance:errors.officeBeyondParent" });
    const chair = await createMandate(database.db, secretariat, "chair", {
      contactId: member.contact.id,
      startsOn: "2026-04-16",
    });
    expect(chair.endsOn).toBe(mandates[0]?.endsOn);
    // The chair leaves the Board: the office is flagged as held without a seat.
    await endMandate(database.db, secretariat, mandates[0]?.id ?? "", { endedOn: "2026-10-01", reason: "Resigned" });
    const office = await getBody(database.db, secretariat, "chair", "2026-11-26");
    expect(office.problems.map((p) => p.kind)).toEqual(["officeWithoutParent"]);
  });

  it("refuses the same person twice in a body in overlapping periods", async () => {
    const person = await buildMemberPerson(database.db, "IT");
    await buildMandate(database.db, { contactId: person.contact.id, startsOn: "2026-04-16" });
    const refused = await refusal(() =>
      createMandate(database.db, secretariat, "board", { contactId: person.contact.id, startsOn: "2027-01-01" }),
    );
    expect(refused.fields).toEqual({ contactId: "governance:errors.alreadyHolds" });
    // A second term after the first is fine.
    const again = await createMandate(database.db, secretariat, "board", {
      contactId: person.contact.id,
      startsOn: "2028-04-16",
    });
    expect(again.startsOn).toBe("2028-04-16");
  });

  it("refuses the Assembly, a non-member's contact, an end before the start and an unknown decision", async () => {
    const person = await buildMemberPerson(database.db, "IT");
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "general_assembly", {
            contactId: person.contact.id,
            startsOn: "2026-04-16",
          }),
        )
      ).fields,
    ).toEqual({ bodyCode: "governance:errors.assemblyHasNoMandates" });
    const applicant = await buildOrganisation(database.db, { country: "IT", status: "applicant" });
    const contact = await buildContact(database.db, applicant.id);
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "board", { contactId: contact.id, startsOn: "2026-04-16" }),
        )
      ).fields,
    ).toEqual({ contactId: "governance:errors.notMember" });
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "board", {
            contactId: person.contact.id,
            startsOn: "2026-04-16",
            endsOn: "2026-04-15",
          }),
        )
      ).fields,
    ).toEqual({ endsOn: "governance:errors.endsBeforeStart" });
    expect(
      (
        await refusal(() =>
          createMandate(database.db, secretariat, "board", {
            contactId: person.contact.id,
            startsOn: "2026-04-16",
            decisionId: "00000000-0000-4000-8000-000000000000",
          }),
        )
      ).fields,
    ).toEqual({ decisionId: "governance:errors.unknownDecision" });
    expect((await listMandates(database.db, secretariat, "board", { history: true })).length).toBe(0);
  });

  it("gives the Secretariat's mandate to a staff account, open-ended", async () => {
    const staff = await createUser(database.db, system("test"), {
      email: `staff-${Date.now()}@test.example`,
      name: "Staff Person",
      role: "secretariat",
      organisationId: null,
      language: "it",
    });
    const m = await createMandate(database.db, secretariat, "secretariat", {
      userId: staff.id,
      startsOn: "2026-01-01",
    });
    expect(m).toMatchObject({ name: "Staff Person", endsOn: null, userId: staff.id, status: "current" });
    const holders = await currentMandates(database.db, "secretariat", "2026-11-26");
    expect(holders).toEqual([expect.objectContaining({ userId: staff.id, email: staff.email, language: "it" })]);
  });
});

describe("terms", () => {
  it("ends a Board term 24 months less one day after its start", async () => {
    const m = await buildMandate(database.db, { startsOn: "2026-04-16" });
    expect(m.endsOn).toBe("2028-04-15");
    const project = await buildMandate(database.db, { bodyCode: "project_group", startsOn: "2026-04-16" });
    expect(project.endsOn).toBeNull();
  });

  it("moves an ended mandate to the history and opens a vacancy", async () => {
    const { mandates } = await buildBoard(database.db);
    const before = await getBody(database.db, secretariat, "board", "2026-11-26");
    expect(before).toMatchObject({ memberCount: 10, vacancies: 0, history: [] });
    const leaving = mandates[3];
    if (!leaving) throw new Error("no mandate");
    const ended = await endMandate(
      database.db,
      secretariat,
      leaving.id,
      { endedOn: "2026-11-20", reason: "Resigned" },
      "2026-11-26",
    );
    expect(ended).toMatchObject({ endedOn: "2026-11-20", lastDay: "2026-11-19", endReason: "Resigned" });
    const after = await getBody(database.db, secretariat, "board", "2026-11-26");
    expect(after.memberCount).toBe(9);
    expect(after.vacancies).toBe(1);
    expect(after.history.map((m) => m.id)).toEqual([leaving.id]);
    expect(after.holders.map((m) => m.id)).not.toContain(leaving.id);
    // Still held the day before it ended.
    expect((await currentMandates(database.db, "board", "2026-11-19")).length).toBe(10);
    expect((await refusal(() => endMandate(database.db, secretariat, leaving.id, { reason: "Again" }))).code).toBe(
      "conflict",
    );
    const audit = await database.query<{ action: string }>(
      "select action from audit_events where entity_id = $1 order by at",
      [leaving.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["governance.mandate.create", "governance.mandate.end"]);
  });
});

describe("warnings before terms end", () => {
  it("shows the terms ending within the window and mails the secretariat once per mandate", async () => {
    const today = governanceToday();
    const soon = await buildMandate(database.db, {
      startsOn: plusDays(today, -700),
      endsOn: plusDays(today, 30),
    });
    const later = await buildMandate(database.db, {
      startsOn: plusDays(today, -100),
      endsOn: plusDays(today, 200),
    });
    const body = await getBody(database.db, secretariat, "board", today);
    expect(body.warningDays).toBe(60);
    expect(body.endingSoon.map((m) => m.id)).toEqual([soon.id]);
    expect(
      (await listBodies(database.db, secretariat, today)).find((b) => b.code === "board")?.endingSoon,
    ).toHaveLength(1);

    const sv = await createUser(database.db, system("test"), {
      email: `sekretariat-${Date.now()}@test.example`,
      name: "Sara",
      role: "secretariat",
      organisationId: null,
      language: "sv",
    });
    const outbox = async () =>
      (await listOutbox(database.db, secretariat, { pageSize: 200 })).items.filter(
        (m) => m.kind === "governance.term-warning",
      );
    const before = (await outbox()).length;
    const job = governanceJobs.find((j) => j.name === "governance.term-warnings");
    if (!job) throw new Error("no job");
    await job.handle(database, {});
    const mails = (await outbox()).slice(0, (await outbox()).length - before);
    const toSv = mails.filter((m) => m.to === sv.email);
    expect(toSv).toHaveLength(1);
    expect(toSv[0]?.language).toBe("sv");
    expect(toSv[0]?.subject).toBe("Mandat som snart går ut (1)");
    expect(toSv[0]?.text).toContain(soon.name);
    expect(toSv[0]?.text).not.toContain(later.name);

    // The next day's run announces nothing again.
    await job.handle(database, {});
    expect((await outbox()).length).toBe(before + mails.length);

    // A window of 300 days brings the other mandate: announced alone.
    await writeSetting(database.db, "governance.termWarningDays", 300);
    const second = await sendTermWarnings(database.db, today);
    expect(second.warned).toEqual([later.id]);
    await writeSetting(database.db, "governance.termWarningDays", 60);
    await writeSetting(database.db, TERM_WARNINGS_SENT_SETTING, []);
  });
});

describe("the public and access", () => {
  it("lists public bodies with names and organisations only", async () => {
    const person = await buildMemberPerson(database.db, "IT", { email: "visible-not@example.org" });
    await buildMandate(database.db, { contactId: person.contact.id, startsOn: "2026-04-16" });
    const hidden = await buildMemberPerson(database.db, "SE", { name: "Hidden Projectperson" });
    await buildMandate(database.db, {
      bodyCode: "project_group",
      contactId: hidden.contact.id,
      startsOn: "2026-04-16",
    });
    const listing = await publicBodies(database.db, "2026-11-26");
    const codes = listing.map((b) => b.code);
    expect(codes).toContain("board");
    expect(codes).not.toContain("project_group");
    expect(codes).not.toContain("secretariat");
    const board = listing.find((b) => b.code === "board");
    expect(board?.holders).toEqual([
      {
        name: person.contact.name,
        organisationName: person.organisation.name,
        organisationCountry: "IT",
        role: "member",
        startsOn: "2026-04-16",
        lastDay: "2028-04-15",
      },
    ]);
    const text = JSON.stringify(listing);
    expect(text).not.toContain("visible-not@example.org");
    expect(text).not.toContain("Hidden Projectperson");
    // The Board sees every body, without e-mail addresses; the secretariat with them.
    const forBoard = JSON.stringify(await listBodies(database.db, testActors.board(), "2026-11-26"));
    expect(forBoard).toContain("Hidden Projectperson");
    expect(forBoard).not.toContain("visible-not@example.org");
    expect(JSON.stringify(await listBodies(database.db, secretariat, "2026-11-26"))).toContain(
      "visible-not@example.org",
    );
  });

  it("lets only the secretariat record mandates and change rules", async () => {
    const person = await buildMemberPerson(database.db, "IT");
    const input = { contactId: person.contact.id, startsOn: "2026-04-16" };
    for (const actor of [testActors.board(), testActors.memberContact(person.organisation.id), testActors.expert()]) {
      expect((await refusal(() => createMandate(database.db, actor, "board", input))).code).toBe("forbidden");
      expect((await refusal(() => updateBodyRules(database.db, actor, "board", { seats: 12 }))).code).toBe("forbidden");
    }
    expect((await refusal(() => createMandate(database.db, testActors.anonymous, "board", input))).code).toBe(
      "unauthenticated",
    );
    expect(
      (await refusal(() => getBody(database.db, testActors.memberContact(person.organisation.id), "board"))).code,
    ).toBe("forbidden");
    expect(await listMandates(database.db, secretariat, "board")).toEqual([]);
  });

  it("validates and saves a body's rules", async () => {
    const refused = await refusal(() =>
      updateBodyRules(database.db, secretariat, "presidium", { quorumPercent: 101, balancedCountries: ["Italy"] }),
    );
    expect(Object.keys(refused.fields).sort()).toEqual(["balancedCountries.0", "quorumPercent"]);
    const saved = await updateBodyRules(database.db, secretariat, "presidium", {
      seats: 6,
      quorumPercent: 60,
      balancedCountries: ["IT", "SE"],
    });
    expect(saved).toMatchObject({ seats: 6, quorumPercent: 60, termMonths: 24, vacancies: 6 });
    await updateBodyRules(database.db, secretariat, "presidium", { seats: 4, quorumPercent: 50 });
  });
});
