import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "~/domains/accounts/service";
import { testActors } from "~/domains/organisations/testing";
import { readSetting } from "~/domains/reference/settings";
import { loadDemo } from "~/seed/demo";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { listBodies, publicBodies } from "./bodies";
import { loadGovernanceDemo } from "./demo";
import { currentMandates } from "./mandates";

/** The governance part of the demo data set, loaded as `ponte demo` loads it. */
describe("the governance demo", () => {
  let database: TestDatabase;
  const today = "2026-11-26";

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemo(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const countries = (holders: { organisationCountry: string | null }[]) =>
    holders.map((h) => h.organisationCountry).sort();

  it("seats a balanced Board of ten for 24 months from the 2026 Assembly", async () => {
    const board = await currentMandates(database.db, "board", today);
    expect(board).toHaveLength(10);
    expect(countries(board)).toEqual(["IT", "IT", "IT", "IT", "IT", "SE", "SE", "SE", "SE", "SE"]);
    const bodies = await listBodies(database.db, testActors.secretariat(), today);
    const summary = bodies.find((b) => b.code === "board");
    expect(summary).toMatchObject({ memberCount: 10, vacancies: 0, problems: [], endingSoon: [] });
    for (const m of summary?.holders ?? []) {
      expect(m).toMatchObject({
        startsOn: "2026-04-16",
        endsOn: "2028-04-15",
        decisionNote: "General Assembly 2026-04-16",
      });
    }
    // Every body keeps its rules.
    for (const b of bodies) expect(b.problems, b.code).toEqual([]);
  });

  it("gives the offices, the Presidium and the Audit Committee to the right people", async () => {
    const board = await currentMandates(database.db, "board", today);
    const [chair] = await currentMandates(database.db, "chair", today);
    const [vice] = await currentMandates(database.db, "vice_chair", today);
    // The demo Board account chairs the Board; the Vice-chair is Italian.
    const anna = await findUserByEmail(database.db, "board@demo.ponte.example");
    expect(chair?.userId).toBe(anna?.id);
    expect(chair?.organisationCountry).toBe("SE");
    expect(vice?.organisationCountry).toBe("IT");
    expect(board.map((m) => m.contactId)).toContain(vice?.contactId);
    expect(board.map((m) => m.userId)).toContain(anna?.id);
    expect(countries(await currentMandates(database.db, "presidium", today))).toEqual(["IT", "IT", "SE", "SE"]);
    expect(countries(await currentMandates(database.db, "audit_committee", today))).toEqual(["IT", "SE"]);
    const auditors = await currentMandates(database.db, "audit_committee", today);
    for (const a of auditors) expect(board.map((m) => m.contactId)).not.toContain(a.contactId);
    expect(await readSetting(database.db, "board.chairEmail")).toBe("board@demo.ponte.example");
  });

  it("binds the demo Board account to a Swedish seat and the secretariat account to the Secretariat", async () => {
    const anna = await findUserByEmail(database.db, "board@demo.ponte.example");
    const staff = await findUserByEmail(database.db, "secretariat@demo.ponte.example");
    const board = await currentMandates(database.db, "board", today);
    expect(board.find((m) => m.userId === anna?.id)).toMatchObject({
      name: "Anna Lindqvist",
      organisationCountry: "SE",
      email: "board@demo.ponte.example",
    });
    const secretariat = await currentMandates(database.db, "secretariat", today);
    expect(secretariat).toEqual([expect.objectContaining({ userId: staff?.id, name: "Giulia Ferrari" })]);
  });

  it("shows the public bodies to everyone and loads only once", async () => {
    const listing = await publicBodies(database.db, today);
    expect(listing.find((b) => b.code === "board")?.holders).toHaveLength(10);
    expect(listing.map((b) => b.code)).not.toContain("secretariat");
    expect(await loadGovernanceDemo(database.db)).toBe(0);
    expect(await currentMandates(database.db, "board", today)).toHaveLength(10);
  });
});
