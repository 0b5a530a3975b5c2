/**
 * The demo fee schedule: SERN-like rules for this year and the next, marked as an example
 * wherever it is shown. Loading it again changes nothing (a year that has a schedule keeps it).
 */
import { system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { FeeBand, FeeRuleInput } from "./contract";
import { putSchedule, scheduleYears } from "./service";

const euro = (amount: number) => amount * 100;
const band = (upTo: number | null, amount: number): FeeBand => ({ upTo, amountCents: euro(amount) });

/** The example rules (amounts in euro, rounded; `increase` scales them for a later year). */
export function demoFeeRules(increase = 1): FeeRuleInput[] {
  const e = (amount: number) => Math.round(amount * increase);
  return [
    {
      code: "municipality",
      label: { en: "Municipalities", sv: "Kommuner", it: "Comuni" },
      types: ["municipality", "municipal_association"],
      basis: "inhabitants",
      bands: [
        band(5_000, e(300)),
        band(20_000, e(750)),
        band(50_000, e(1_500)),
        band(100_000, e(2_500)),
        band(null, e(4_000)),
      ],
      minCents: euro(e(300)),
      maxCents: euro(e(4_000)),
    },
    {
      code: "province",
      label: { en: "Provinces", sv: "Provinser", it: "Province" },
      types: ["province", "county_administrative_board"],
      basis: "flat",
      bands: [band(null, e(3_000))],
    },
    {
      code: "region",
      label: { en: "Regions", sv: "Regioner", it: "Regioni" },
      types: ["region"],
      basis: "inhabitants",
      bands: [band(1_000_000, e(4_000)), band(null, e(6_000))],
    },
    {
      code: "other",
      label: {
        en: "Civil society, education and other organisations",
        sv: "Civilsamhälle, utbildning och andra organisationer",
        it: "Società civile, istruzione e altre organizzazioni",
      },
      types: ["civil_society", "education", "private", "other_public"],
      basis: "employees",
      bands: [band(10, e(150)), band(50, e(400)), band(250, e(800)), band(null, e(1_500))],
      budgetBands: [
        { upTo: euro(250_000), amountCents: euro(e(150)) },
        { upTo: euro(1_000_000), amountCents: euro(e(400)) },
        { upTo: euro(10_000_000), amountCents: euro(e(800)) },
        { upTo: null, amountCents: euro(e(1_500)) },
      ],
      minCents: euro(e(150)),
      maxCents: euro(e(1_500)),
    },
  ];
}

/**
 * Loads the example schedule for the current year and the next (3% dearer) unless they have one.
 * Returns the years it added.
 */
export async function loadFeesDemo(db: DbOrTx, now: Date = new Date()): Promise<number[]> {
  const actor = system("demo");
  const existing = new Set(await scheduleYears(db));
  const year = now.getFullYear();
  const added: number[] = [];
  for (const [y, increase] of [
    [year, 1],
    [year + 1, 1.03],
  ] as const) {
    if (existing.has(y)) continue;
    await putSchedule(db, actor, y, { example: true, rules: demoFeeRules(increase) }, null);
    added.push(y);
  }
  return added;
}
