import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { translator } from "~/i18n/i18n";
import { type FeeBand, type FeeRule, FeeRules, FeeScheduleInput } from "./contract";
import { demoFeeRules } from "./demo";
import { bandIndex, checkFeeRules, type FeeFacts, quote } from "./rules";

const label = { en: "Municipalities", sv: "Kommuner", it: "Comuni" };

const rule = (over: Partial<FeeRule> = {}): FeeRule => ({
  code: "municipality",
  label,
  types: ["municipality"],
  countries: [],
  basis: "inhabitants",
  bands: [
    { upTo: 5_000, amountCents: 30_000 },
    { upTo: 20_000, amountCents: 75_000 },
    { upTo: 50_000, amountCents: 150_000 },
    { upTo: 100_000, amountCents: 250_000 },
    { upTo: null, amountCents: 400_000 },
  ],
  budgetBands: null,
  minCents: null,
  maxCents: null,
  ...over,
});

const facts = (over: Partial<FeeFacts> = {}): FeeFacts => ({
  country: "IT",
  type: "municipality",
  inhabitants: null,
  employees: null,
  budgetCents: null,
  ...over,
});

/** The AppError a function throws (fails the test if it throws nothing or something else). */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

/** Valid bands: strictly ascending bounds, the last open-ended. */
const bandsArb: fc.Arbitrary<FeeBand[]> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 0, maxLength: 8 }),
    fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([bounds, amounts]) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    return [...sorted, null].map((upTo, i) => ({ upTo, amountCents: amounts[i] ?? 0 }));
  });

describe("bands: every value falls in exactly one band", () => {
  it("the band found is the only band whose range holds the value", () => {
    fc.assert(
      fc.property(bandsArb, fc.integer({ min: 0, max: 20_000_000 }), (bands, value) => {
        const holding = bands.filter((b, i) => {
          const from = i === 0 ? 0 : (bands[i - 1]?.upTo ?? 0) + 1;
          return value >= from && (b.upTo === null || value <= b.upTo);
        });
        expect(holding).toHaveLength(1);
        expect(bands[bandIndex(bands, value)]).toBe(holding[0]);
      }),
    );
  });

  it("a band's upper bound is in that band and the next number in the next band", () => {
    fc.assert(
      fc.property(bandsArb, (bands) => {
        bands.forEach((b, i) => {
          if (b.upTo === null) return;
          expect(bandIndex(bands, b.upTo)).toBe(i);
          expect(bandIndex(bands, b.upTo + 1)).toBe(i + 1);
        });
      }),
    );
  });

  it("quotes respect the rule's minimum and maximum and are never negative", () => {
    const clampArb = fc
      .tuple(fc.option(fc.integer({ min: 0, max: 5_000_000 })), fc.option(fc.integer({ min: 0, max: 5_000_000 })))
      .map(([a, b]): [number | null, number | null] => (a !== null && b !== null && a > b ? [b, a] : [a, b]));
    fc.assert(
      fc.property(bandsArb, clampArb, fc.integer({ min: 0, max: 20_000_000 }), (bands, [min, max], value) => {
        const r = rule({ bands, minCents: min ?? null, maxCents: max ?? null });
        expect(checkFeeRules([r])).toEqual({});
        const q = quote({ rules: [r] }, facts({ inhabitants: value }));
        expect(q.amountCents).toBeGreaterThanOrEqual(0);
        if (min !== null) expect(q.amountCents).toBeGreaterThanOrEqual(min);
        if (max !== null) expect(q.amountCents).toBeLessThanOrEqual(max);
        const band = bands[bandIndex(bands, value)];
        if (band && (min === null || band.amountCents >= min) && (max === null || band.amountCents <= max))
          expect(q.amountCents).toBe(band.amountCents);
      }),
    );
  });
});

describe("quote", () => {
  const schedule = { currency: "EUR", rules: FeeRules.parse(demoFeeRules()) };

  it("names the rule and band in each language", () => {
    const q = quote(schedule, facts({ inhabitants: 35_000 }));
    expect(q).toMatchObject({
      amountCents: 150_000,
      currency: "EUR",
      rule: { code: "municipality", basis: "inhabitants" },
    });
    expect(q.rule.detail).toBe("Municipality, 20,001–50,000 inhabitants");
    expect(q.rule.details.sv).toBe("Kommun, 20\u00a0001–50\u00a0000 invånare");
    expect(q.rule.details.it).toBe("Comune, 20.001–50.000 abitanti");
  });

  it("lands band edges in the right band", () => {
    expect(quote(schedule, facts({ inhabitants: 5_000 })).amountCents).toBe(30_000);
    expect(quote(schedule, facts({ inhabitants: 5_001 })).amountCents).toBe(75_000);
    expect(quote(schedule, facts({ inhabitants: 0 })).rule.detail).toBe("Municipality, up to 5,000 inhabitants");
    const top = quote(schedule, facts({ inhabitants: 100_001 }));
    expect(top.amountCents).toBe(400_000);
    expect(top.rule.detail).toBe("Municipality, more than 100,000 inhabitants");
  });

  it("takes the higher of the employees and budget bands for other organisations", () => {
    const ngo = facts({ type: "civil_society", employees: 5, budgetCents: 2_000_000_00 });
    const q = quote(schedule, ngo);
    expect(q.amountCents).toBe(80_000);
    expect(q.rule.basis).toBe("budget");
    expect(q.rule.detail).toBe("Civil-society organisation, annual budget above €1,000,000 and up to €10,000,000");
    expect(quote(schedule, { ...ngo, budgetCents: null }).rule.basis).toBe("employees");
    expect(quote(schedule, { ...ngo, employees: null, budgetCents: 10_000_00 }).amountCents).toBe(15_000);
  });

  it("uses a flat fee whatever the size", () => {
    const q = quote(schedule, facts({ type: "province" }));
    expect(q.amountCents).toBe(300_000);
    expect(q.rule.detail).toBe("Province, flat fee");
  });

  it("prefers a rule for the country over the default rule, whatever their order", () => {
    const rules = [
      rule(),
      rule({ code: "se-municipality", countries: ["SE"], basis: "flat", bands: [{ upTo: null, amountCents: 1 }] }),
    ];
    expect(checkFeeRules(rules)).toEqual({});
    expect(quote({ rules }, facts({ country: "SE" })).rule.code).toBe("se-municipality");
    expect(quote({ rules }, facts({ inhabitants: 10 })).rule.code).toBe("municipality");
  });

  it("says which figure is missing, and when no rule applies", () => {
    const missing = thrown(() => quote(schedule, facts()));
    expect(missing.code).toBe("validation");
    expect(missing.fields).toEqual({ inhabitants: { key: "fees:problems.inhabitantsNeeded" } });
    const both = thrown(() => quote(schedule, facts({ type: "education" })));
    expect(Object.keys(both.fields)).toEqual(["employees", "budget"]);
    const none = thrown(() => quote({ rules: [rule()] }, facts({ type: "region", inhabitants: 1 })));
    expect(none.status).toBe(422);
    expect(none.fields).toEqual({ type: { key: "fees:problems.noRuleForType" } });
    const negative = thrown(() => quote(schedule, facts({ inhabitants: -1 })));
    expect(Object.keys(negative.fields)).toEqual(["inhabitants"]);
  });

  it("says when the minimum or maximum applied", () => {
    const r = rule({ minCents: 50_000, maxCents: 200_000 });
    expect(quote({ rules: [r] }, facts({ inhabitants: 10 })).rule.detail).toBe(
      "Municipality, up to 5,000 inhabitants (minimum fee)",
    );
    expect(quote({ rules: [r] }, facts({ inhabitants: 10_000_000 })).rule.details.it).toBe(
      "Comune, oltre 100.000 abitanti (quota massima)",
    );
  });
});

describe("checking a schedule's rules", () => {
  /** The problems as the reader sees them, by field path. */
  function problems(input: unknown, language: "en" | "sv" | "it" = "en"): Record<string, string> {
    const t = translator(language);
    try {
      const parsed = parseInput(FeeScheduleInput, input);
      const fields = checkFeeRules(parsed.rules);
      return Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, t(p.key, p.values ?? {})]));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return Object.fromEntries(Object.entries(e.fields).map(([k, p]) => [k, t(p.key, p.values ?? {})]));
    }
  }

  it("accepts the demo schedule", () => {
    expect(problems({ rules: demoFeeRules() })).toEqual({});
  });

  it("names the band whose bound is not ascending, in the reader's language", () => {
    const rules = demoFeeRules();
    const second = rules[1];
    const bad = [
      rules[0],
      rules[2],
      {
        ...second,
        basis: "inhabitants",
        bands: [
          { upTo: 1000, amountCents: 1 },
          { upTo: 1000, amountCents: 2 },
          { upTo: null, amountCents: 3 },
        ],
      },
    ];
    expect(problems({ rules: bad })).toEqual({
      "rules.2.bands.1.upTo": "Each band's upper bound must be above the previous one (1000).",
    });
    expect(problems({ rules: bad }, "it")["rules.2.bands.1.upTo"]).toBe(
      "Il limite superiore di ogni fascia deve superare quello precedente (1000).",
    );
  });

  it("wants exactly one open-ended band, last", () => {
    expect(
      problems({
        rules: [
          rule({
            bands: [
              { upTo: null, amountCents: 1 },
              { upTo: 10, amountCents: 1 },
            ],
          }),
        ],
      }),
    ).toEqual({
      "rules.0.bands.0.upTo": "Only the last band may be open-ended.",
      "rules.0.bands.1.upTo": "The last band must be open-ended (leave “up to” empty).",
    });
  });

  it("refuses negative amounts, minimum above maximum, duplicate codes and overlapping rules", () => {
    const found = problems({
      rules: [rule({ bands: [{ upTo: null, amountCents: -5 }] })],
    });
    expect(found).toEqual({ "rules.0.bands.0.amountCents": "Must be at least 0." });
    expect(problems({ rules: [rule({ minCents: 10, maxCents: 5 })] })).toEqual({
      "rules.0.maxCents": "The maximum must not be below the minimum.",
    });
    expect(problems({ rules: [rule(), rule({ types: ["region"] })] }, "sv")).toEqual({
      "rules.1.code": "Regel 1 har redan den här koden.",
    });
    expect(problems({ rules: [rule(), rule({ code: "other", types: ["region", "municipality"] })] })).toEqual({
      "rules.1.types": "Rule 1 (municipality) already covers “municipality” in the same countries.",
    });
    expect(
      problems({
        rules: [rule({ countries: ["IT"] }), rule({ code: "b", countries: ["SE", "it"] })],
      }),
    ).toEqual({ "rules.1.types": "Rule 1 (municipality) already covers “municipality” in the same countries." });
  });

  it("names unknown types and bad shapes by path", () => {
    const found = problems({ rules: [{ ...rule(), types: ["castle"], bands: [{ upTo: "a lot", amountCents: 1 }] }] });
    expect(Object.keys(found).sort()).toEqual(["rules.0.bands.0.upTo", "rules.0.types.0"]);
    expect(found["rules.0.bands.0.upTo"]).toBe("Must be a number.");
  });

  it("keeps budget bands to rules on employees, and a flat fee to one band", () => {
    expect(problems({ rules: [rule({ budgetBands: [{ upTo: null, amountCents: 1 }] })] })).toEqual({
      "rules.0.budgetBands": "Budget bands go with a rule on employees.",
    });
    expect(problems({ rules: [rule({ basis: "flat" })] })).toEqual({
      "rules.0.bands": "A flat fee has exactly one band, open-ended.",
    });
  });
});
