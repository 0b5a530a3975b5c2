import { describe, expect, it } from "vitest";
import { FeeRules } from "../contract";
import { demoFeeRules } from "../demo";
import { checkFeeRules } from "../rules";
import {
  formFieldFor,
  parseCount,
  parseEuro,
  scheduleInputFromValues,
  scheduleValues,
  scheduleValuesFromForm,
} from "./schedule-form";

/** The form a browser would post for these values (every row, empty ones included). */
function post(values: ReturnType<typeof scheduleValues>): FormData {
  const form = new FormData();
  if (values.example) form.set("example", "on");
  values.rules.forEach((r, i) => {
    const p = `rules.${i}`;
    form.set(`${p}.code`, r.code);
    for (const l of ["en", "sv", "it"] as const) form.set(`${p}.label.${l}`, r.label[l]);
    for (const type of r.types) form.append(`${p}.types`, type);
    form.set(`${p}.countries`, r.countries);
    form.set(`${p}.basis`, r.basis);
    form.set(`${p}.min`, r.min);
    form.set(`${p}.max`, r.max);
    r.bands.forEach((b, j) => {
      form.set(`${p}.bands.${j}.upTo`, b.upTo);
      form.set(`${p}.bands.${j}.amount`, b.amount);
    });
    r.budgetBands.forEach((b, j) => {
      form.set(`${p}.budgetBands.${j}.upTo`, b.upTo);
      form.set(`${p}.budgetBands.${j}.amount`, b.amount);
    });
    if (r.remove) form.set(`${p}.remove`, "on");
  });
  return form;
}

describe("the schedule editor's form", () => {
  const rules = FeeRules.parse(demoFeeRules());

  it("posts back the same schedule it shows, leaving the empty rows out", () => {
    const values = scheduleValues({ example: true, rules });
    expect(values.rules).toHaveLength(rules.length + 1);
    const { input, problems } = scheduleInputFromValues(scheduleValuesFromForm(post(values)));
    expect(problems).toEqual({});
    expect(input.example).toBe(true);
    expect(FeeRules.parse(input.rules)).toEqual(rules);
  });

  it("removes a rule that is ticked for removal, and maps problems back to the form's rows", () => {
    const values = scheduleValues({ example: false, rules });
    const first = values.rules[0];
    const third = values.rules[2];
    if (!first || !third) throw new Error("rules");
    first.remove = true;
    // Rule 3 of the form: its second band (after an empty first row) goes below the one before.
    third.bands = [
      { upTo: "", amount: "" },
      { upTo: "2000000", amount: "10" },
      { upTo: "10", amount: "5" },
      { upTo: "", amount: "1" },
    ];
    const { input, map } = scheduleInputFromValues(values);
    expect(input.rules.map((r) => r.code)).toEqual(["province", "region", "other"]);
    const fields = checkFeeRules(FeeRules.parse(input.rules));
    expect(Object.keys(fields)).toEqual(["rules.1.bands.1.upTo"]);
    expect(formFieldFor("rules.1.bands.1.upTo", map)).toBe("rules.2.bands.2.upTo");
    expect(formFieldFor("rules.1.minCents", map)).toBe("rules.2.min");
    expect(formFieldFor("rules.1.types.0", map)).toBe("rules.2.types");
    expect(formFieldFor("rules.1.label.sv", map)).toBe("rules.2.label.sv");
    expect(formFieldFor("rules.1.budgetBands.0.amountCents", map)).toBe("rules.2.budgetBands.0.amount");
  });

  it("names numbers it cannot read, and amounts left empty", () => {
    const values = scheduleValues({ example: false, rules: rules.slice(0, 1) });
    const rule = values.rules[0];
    if (!rule) throw new Error("rule");
    rule.min = "three hundred";
    rule.bands[1] = { upTo: "20 000", amount: "" };
    const { problems } = scheduleInputFromValues(values);
    expect(problems).toEqual({
      "rules.0.min": { key: "errors:field.notNumber" },
      "rules.0.bands.1.amount": { key: "errors:field.required" },
    });
  });

  it("reads numbers as people type them", () => {
    expect(parseCount("5 000")).toBe(5000);
    expect(parseCount("5.000")).toBe(5000);
    expect(parseCount("5,000")).toBe(5000);
    expect(parseCount("")).toBeNull();
    expect(parseCount("5.5")).toBe("invalid");
    expect(parseEuro("1500")).toBe(150_000);
    expect(parseEuro("1500,50")).toBe(150_050);
    expect(parseEuro("1.500")).toBe(150_000);
    expect(parseEuro("1,500,000")).toBe(150_000_000);
    expect(parseEuro("1.500,5")).toBe(150_050);
    expect(parseEuro("€ 300")).toBe(30_000);
    expect(parseEuro("-3")).toBe("invalid");
  });
});
