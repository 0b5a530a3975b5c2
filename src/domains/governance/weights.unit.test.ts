import { describe, expect, it } from "vitest";
import { parseWeighting, voterWeight, weightFor } from "./weights";

const bands = {
  rule: "inhabitants",
  bands: [{ upTo: 5000, weight: 1 }, { upTo: 50000, weight: 2 }, { weight: 3 }],
};

describe("vote weights by inhabitants", () => {
  const { rule, invalid } = parseWeighting(bands);

  it("reads the setting of the statute's example", () => {
    expect(invalid).toBe(false);
    expect(rule).toEqual({
      rule: "inhabitants",
      bands: [
        { upTo: 5000, weight: 1 },
        { upTo: 50000, weight: 2 },
        { upTo: null, weight: 3 },
      ],
    });
  });

  it.each([
    [1, 1],
    [4999, 1],
    [5000, 1], // "up to" includes the limit
    [5001, 2],
    [50000, 2],
    [50001, 3],
    [3_000_000, 3],
    [0, 1],
  ])("%i inhabitants weigh %i", (inhabitants, weight) => {
    expect(weightFor(rule, inhabitants)).toBe(weight);
  });

  it("an organisation without inhabitants falls in the first band", () => {
    expect(weightFor(rule, null)).toBe(1);
    expect(
      weightFor(parseWeighting({ rule: "inhabitants", bands: [{ upTo: 10, weight: 4 }, { weight: 9 }] }).rule, null),
    ).toBe(4);
  });

  it("weighs only weighted votes of an assembly, and only organisations", () => {
    const inhabitants = new Map([["big", 80_000]]);
    expect(voterWeight({ weighting: "weighted" }, "assembly", rule, { organisationId: "big" }, inhabitants)).toBe(3);
    expect(voterWeight({ weighting: "equal" }, "assembly", rule, { organisationId: "big" }, inhabitants)).toBe(1);
    expect(voterWeight({ weighting: "weighted" }, "collegial", rule, { organisationId: "big" }, inhabitants)).toBe(1);
    expect(voterWeight({ weighting: "weighted" }, "assembly", rule, { organisationId: null }, inhabitants)).toBe(1);
    // Unknown to the lookup: the first band.
    expect(voterWeight({ weighting: "weighted" }, "assembly", rule, { organisationId: "other" }, inhabitants)).toBe(1);
  });
});

describe("the weighting setting", () => {
  it("missing or equal: one vote each, nothing to report", () => {
    expect(parseWeighting(undefined)).toEqual({ rule: { rule: "equal" }, invalid: false });
    expect(parseWeighting({ rule: "equal" })).toEqual({ rule: { rule: "equal" }, invalid: false });
    expect(weightFor({ rule: "equal" }, 1_000_000)).toBe(1);
  });

  it.each([
    ["an unknown rule", { rule: "population" }],
    ["no bands", { rule: "inhabitants", bands: [] }],
    [
      "no open last band",
      {
        rule: "inhabitants",
        bands: [
          { upTo: 5000, weight: 1 },
          { upTo: 50000, weight: 2 },
        ],
      },
    ],
    [
      "an open band before the last",
      { rule: "inhabitants", bands: [{ weight: 1 }, { upTo: 50000, weight: 2 }, { weight: 3 }] },
    ],
    [
      "bands out of order",
      { rule: "inhabitants", bands: [{ upTo: 50000, weight: 2 }, { upTo: 5000, weight: 1 }, { weight: 3 }] },
    ],
    [
      "two bands with the same limit",
      { rule: "inhabitants", bands: [{ upTo: 5000, weight: 1 }, { upTo: 5000, weight: 2 }, { weight: 3 }] },
    ],
    ["a weight of zero", { rule: "inhabitants", bands: [{ upTo: 5000, weight: 0 }, { weight: 3 }] }],
    ["a fractional weight", { rule: "inhabitants", bands: [{ upTo: 5000, weight: 1.5 }, { weight: 3 }] }],
    ["a text", "inhabitants"],
    ["an unknown field", { rule: "inhabitants", bands: [{ weight: 3 }], extra: true }],
  ])("%s → equal votes, reported as invalid", (_name, value) => {
    const parsed = parseWeighting(value);
    expect(parsed).toEqual({ rule: { rule: "equal" }, invalid: true });
    expect(weightFor(parsed.rule, 80_000)).toBe(1);
  });
});
