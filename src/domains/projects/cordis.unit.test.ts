import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRecords } from "~/domains/organisations/import";
import { normalizeText } from "~/text/normalize";
import {
  type CordisRecord,
  classifyMatch,
  cordisProjectNumber,
  countryCode,
  type DirectoryCandidate,
  decodeCsv,
  parseDay,
  parseEuroCents,
  phaseOfFunded,
  programmeCandidates,
  readParticipantsFile,
  readProjectsFile,
  repairMojibake,
  splitCoordinator,
  trigramSimilarity,
  websiteOf,
} from "./cordis";

/** The real CORDIS sample, copied into the repository (data-seed/cordis-sample). */
const SAMPLE = path.resolve(import.meta.dirname, "../../../data-seed/cordis-sample");
const sample = (name: string) => readFileSync(path.join(SAMPLE, name));

async function records(input: string | Uint8Array): Promise<CordisRecord[]> {
  const decoded = decodeCsv(input);
  if (!("text" in decoded)) throw new Error("not UTF-8");
  const { records: read, malformedLine } = await readRecords(decoded.text);
  expect(malformedLine).toBeUndefined();
  return read;
}

describe("amounts in cents, read from the digits", () => {
  it.each([
    ["3124628.75", 312462875],
    ["2050000", 205000000],
    ["12850322.5", 1285032250],
    ["11872256.880000001", 1187225688],
    ["9999358.6299999896", 999935863],
    ["5851010.1399999997", 585101014],
    ["0.005", 1],
    ["0.0049999", 0],
    ["  42.1 ", 4210],
    ["", null],
    ["-", null],
  ])("%s → %s", (cell, cents) => {
    expect(parseEuroCents(cell)).toBe(cents);
  });

  it.each(["3,124,628.75", "1.2e7", "-5", "abc", "12.34.56", "999999999999999999"])("%s is refused", (cell) => {
    expect(parseEuroCents(cell)).toBe("invalid");
  });
});

describe("cells", () => {
  it("reads days that exist", () => {
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay("01/11/2021")).toBe("2021-11-01");
    expect(parseDay("2027-02-29")).toBe("invalid");
    expect(parseDay("next year")).toBe("invalid");
    expect(parseDay("")).toBeNull();
  });

  it("reads the CORDIS project's number from its address or alone", () => {
    expect(cordisProjectNumber("https://cordis.europa.eu/project/id/101036560")).toBe("101036560");
    expect(cordisProjectNumber("https://cordis.europa.eu/project/id/101036560/it")).toBe("101036560");
    expect(cordisProjectNumber("101036560")).toBe("101036560");
    expect(cordisProjectNumber("https://example.org/project/id/101036560")).toBeNull();
  });

  it("names countries as CORDIS writes them, the EU and beyond", () => {
    expect(countryCode("Italy")).toBe("IT");
    expect(countryCode("Greece")).toBe("GR");
    expect(countryCode("Türkiye")).toBe("TR");
    expect(countryCode("United Kingdom")).toBe("GB");
    expect(countryCode("North Macedonia")).toBe("MK");
    expect(countryCode("Czechia")).toBe("CZ");
    expect(countryCode("Cabo Verde")).toBe("CV");
    expect(countryCode("Hong Kong")).toBe("HK");
    expect(countryCode("EL")).toBe("GR");
    expect(countryCode("Narnia")).toBeNull();
  });

  it("maps CORDIS programmes to the network's codes, in order of preference", () => {
    expect(programmeCandidates("HORIZON")).toEqual(["horizon_europe"]);
    expect(programmeCandidates("Horizon Europe ")).toEqual(["horizon_europe"]);
    expect(programmeCandidates("H2020")).toEqual(["horizon_2020", "horizon_europe"]);
    expect(programmeCandidates("ERASMUS+")).toEqual([]);
  });

  it("splits the coordinator at the last comma", () => {
    expect(splitCoordinator("Univerzitet u Novom Sadu, Poljoprivredni Fakultet Novi Sad, Serbia")).toEqual({
      name: "Univerzitet u Novom Sadu, Poljoprivredni Fakultet Novi Sad",
      countryName: "Serbia",
    });
    expect(splitCoordinator("Nobody")).toBeNull();
  });

  it("repairs text that went through Mac Roman, and leaves real text alone", () => {
    expect(repairMojibake("Helmholtz-Zentrum f√ºr Umweltforschung GMBH ‚Äì UFZ")).toBe(
      "Helmholtz-Zentrum für Umweltforschung GMBH – UFZ",
    );
    expect(repairMojibake("La R√©union")).toBe("La Réunion");
    expect(repairMojibake("√2 ≈ 1.414")).toBe("√2 ≈ 1.414");
    expect(repairMojibake("Città di Forlì")).toBe("Città di Forlì");
  });

  it("turns a bare web site into an address", () => {
    expect(websiteOf("www.regilience.eu")).toBe("https://www.regilience.eu");
    expect(websiteOf("http://example.org/x")).toBe("http://example.org/x");
    expect(websiteOf("-")).toBeNull();
    expect(websiteOf("not a site")).toBeNull();
  });

  it("puts a funded project in implementation, or closure once it has ended", () => {
    expect(phaseOfFunded("2025-10-31", "2025-11-01")).toBe("closure");
    expect(phaseOfFunded("2025-10-31", "2025-10-31")).toBe("implementation");
    expect(phaseOfFunded(null, "2030-01-01")).toBe("implementation");
  });
});

describe("the real sample", () => {
  it("reads the 46 projects of projects.csv with exact amounts", async () => {
    const file = readProjectsFile(await records(sample("projects.csv")));
    expect(file.problems).toEqual([]);
    expect(file.total).toBe(46);
    expect(file.rows).toHaveLength(46);
    const first = file.rows[0];
    expect(first).toMatchObject({
      row: 2,
      acronym: "REGILIENCE",
      title: "Resilience Strategies for Regions",
      cordisUrl: "https://cordis.europa.eu/project/id/101036560",
      startDate: "2021-11-01",
      endDate: "2025-10-31",
      totalBudgetCents: 312462875,
      euContributionCents: 299447250,
      programme: "H2020",
      callIdentifier: "LC-GD-1-3-2020",
      websiteUrl: "https://www.regilience.eu",
      coordinator: { name: "Institute for European Energy and Climate Policy Stichting", country: "NL" },
    });
    const transformar = file.rows.find((r) => r.acronym === "TransformAr");
    expect(transformar?.euContributionCents).toBe(1187225688);
    const spongeBoost = file.rows.find((r) => r.acronym === "SpongeBoost");
    expect(spongeBoost?.coordinator).toEqual({
      name: "Helmholtz-Zentrum für Umweltforschung GMBH – UFZ",
      country: "DE",
    });
    // The last three write "Horizon Europe" and leave the topic empty.
    const climaGen = file.rows.find((r) => r.acronym === "ClimaGen");
    expect(climaGen).toMatchObject({ programmeCodes: ["horizon_europe"], callIdentifier: null });
    expect(new Set(file.rows.map((r) => r.coordinator?.country))).toEqual(
      new Set(["NL", "BE", "ES", "GR", "FI", "IT", "DE", "NO", "LT", "DK", "AT", "FR", "CY", "CZ", "RS"]),
    );
  });

  it("reads the 908 organisations of participants.csv, with their country, city, type and PIC", async () => {
    const file = readParticipantsFile(await records(sample("participants.csv")));
    expect(file.problems).toEqual([]);
    expect(file.rows).toHaveLength(908);
    const parma = file.rows.find((r) => r.name === "COMUNE DI PARMA");
    expect(parma).toMatchObject({ country: "IT", city: "Parma", type: "PUB", pic: "996097754", participations: 1 });
    expect(file.rows.find((r) => r.name === "REGIONE EMILIA ROMAGNA")).toMatchObject({ country: "IT", type: "PUB" });
    expect(new Set(file.rows.map((r) => r.type))).toEqual(new Set(["PUB", "HES", "REC", "PRC", "OTH"]));
    // Outside Europe too: Australia, the United States, Hong Kong, Cabo Verde.
    expect(file.rows.filter((r) => ["AU", "US", "HK", "CV"].includes(r.country))).toHaveLength(6);
  });

  it("names the row and the column of a broken cell", async () => {
    const text = readFileSync(path.join(SAMPLE, "projects.csv"), "utf8").replace("3124628.75", "3.124.628");
    const file = readProjectsFile(await records(text));
    expect(file.problems).toEqual([
      {
        file: "projects",
        row: 2,
        field: "Total budget (euro)",
        key: "projects:import.errors.amount",
      },
    ]);
    expect(file.rows).toHaveLength(45);
  });

  it("reports a missing column, a repeated project and an unknown country", async () => {
    const header = "ACRONYM,TITLE,Project id,Project Start Date,Project End Date,Funding programme,coordinator";
    const missing = readProjectsFile(await records(`${header}\nA,B,1,,,,\n`));
    expect(missing.problems.map((p) => p.field)).toEqual(["Total budget (euro)", "EU financial contribution (euro)"]);
    const full = `${header},Total budget (euro),EU financial contribution (euro)
X,Project X,https://cordis.europa.eu/project/id/1000001,2024-01-01,2025-01-01,HORIZON,"Somebody, Narnia",10,5
Y,Project Y,1000001,2024-01-01,2025-01-01,LIFE,"Somebody, Italy",10,5
`;
    const file = readProjectsFile(await records(full));
    expect(file.problems).toEqual([
      {
        file: "projects",
        row: 2,
        field: "coordinator",
        key: "projects:import.errors.unknownCountry",
        values: { value: "Narnia" },
      },
      {
        file: "projects",
        row: 3,
        field: "Project id",
        key: "projects:import.errors.duplicateProject",
        values: { row: 2 },
      },
      {
        file: "projects",
        row: 3,
        field: "Funding programme",
        key: "projects:import.errors.unknownProgramme",
        values: { value: "LIFE" },
      },
    ]);
  });
});

describe("matching to the directory", () => {
  const org = (name: string, city: string | null = null, country = "IT", officialCode: string | null = null) =>
    ({
      id: name,
      name,
      normalizedName: normalizeText(name),
      country,
      city,
      officialCode,
    }) satisfies DirectoryCandidate;
  const parma = org("Comune di Parma", "Parma");
  const emilia = org("Regione Emilia-Romagna", "Bologna");
  const directory = [parma, emilia, org("Università di Parma", "Parma"), org("Comune di Parma", "Parma", "SE")];
  const subject = (name: string, city: string | null = null, country = "IT", officialCode: string | null = null) => ({
    name,
    city,
    country,
    officialCode,
  });

  it("is certain for the same normalised name in the same country", () => {
    expect(classifyMatch(subject("COMUNE DI PARMA", "Parma"), directory)).toEqual({
      level: "certain",
      organisation: parma,
    });
    expect(classifyMatch(subject("REGIONE EMILIA ROMAGNA", "Bologna"), directory)).toEqual({
      level: "certain",
      organisation: emilia,
    });
  });

  it("is certain for the same official code", () => {
    const coded = org("Comune di Reggio nell'Emilia", null, "IT", "00145920351");
    expect(classifyMatch(subject("Municipality of Reggio Emilia", null, "IT", "00145920351"), [coded])).toEqual({
      level: "certain",
      organisation: coded,
    });
  });

  it("is uncertain for the same distinctive words or a similar name", () => {
    const outcome = classifyMatch(subject("Parma Municipality", "Parma"), directory);
    expect(outcome.level).toBe("uncertain");
    expect(outcome.level === "uncertain" && outcome.candidates.map((c) => c.id)).toContain("Comune di Parma");
    expect(classifyMatch(subject("Emilia-Romagna Region"), directory).level).toBe("uncertain");
    expect(classifyMatch(subject("University of Parma", "Parma"), directory).level).toBe("uncertain");
  });

  it("tells namesakes apart by city, else leaves the choice to a person", () => {
    const a = org("Comune di San Giorgio", "Mantova");
    const b = org("Comune di San Giorgio", "Piacenza");
    expect(classifyMatch(subject("COMUNE DI SAN GIORGIO", "PIACENZA"), [a, b])).toEqual({
      level: "certain",
      organisation: b,
    });
    expect(classifyMatch(subject("COMUNE DI SAN GIORGIO", null), [a, b])).toEqual({
      level: "uncertain",
      candidates: [a, b],
    });
  });

  it("finds none in another country or for another body", () => {
    expect(classifyMatch(subject("COMUNE DI PARMA", "Parma", "FR"), directory)).toEqual({ level: "none" });
    expect(classifyMatch(subject("Stichting Deltares", "Delft", "IT"), directory)).toEqual({ level: "none" });
    const arpae = subject(
      "AGENZIA REGIONALE PER LA PREVENZIONE, L'AMBIENTE E L'ENERGIA DELL'EMILIA-ROMAGNA",
      "Bologna",
    );
    expect(classifyMatch(arpae, directory)).toEqual({ level: "none" });
  });

  it("computes trigram similarity as pg_trgm does", () => {
    expect(trigramSimilarity("word", "word")).toBe(1);
    expect(trigramSimilarity("word", "two words")).toBeCloseTo(4 / 11, 5);
    expect(trigramSimilarity("", "x")).toBe(0);
  });
});
