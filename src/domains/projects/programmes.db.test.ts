import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReference } from "~/domains/reference/seed";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { listFundingProgrammes } from "./programmes";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

describe("funding programmes", () => {
  it("are seeded with their actions, named in the three languages", async () => {
    const programmes = await listFundingProgrammes(database.db);
    expect(programmes.map((p) => p.code)).toEqual([
      "erasmus_plus",
      "cerv",
      "europe_for_citizens",
      "interreg_europe",
      "interreg_cross_border",
      "horizon_europe",
      "life",
      "amif",
      "esf_plus",
      "creative_europe",
      "digital_europe",
      "national",
      "member_funded",
    ]);
    const erasmus = programmes.find((p) => p.code === "erasmus_plus");
    expect(erasmus?.actions.map((a) => a.code)).toEqual(["erasmus_ka1", "erasmus_ka2"]);
    const cerv = programmes.find((p) => p.code === "cerv");
    expect(cerv?.actions.find((a) => a.code === "cerv_town_twinning")?.names).toEqual({
      en: "Town twinning",
      sv: "Vänortssamarbete",
      it: "Gemellaggi tra città",
    });
    expect(programmes.find((p) => p.code === "europe_for_citizens")?.active).toBe(false);
    expect(programmes.find((p) => p.code === "member_funded")?.level).toBe("member");
    expect(programmes.find((p) => p.code === "amif")?.names.it).toContain("FAMI");
  });

  it("seeding again changes nothing", async () => {
    const before = await listFundingProgrammes(database.db);
    await database.db.transaction(async (tx) => seedReference(tx, { places: false }));
    expect(await listFundingProgrammes(database.db)).toEqual(before);
  });
});
