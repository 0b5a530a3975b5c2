/**
 * The schedule editor's form: a table of rules, each with its bands, posted as plain form fields
 * (`rules.0.code`, `rules.0.bands.1.upTo`…) so it works without JavaScript. Empty rows are left
 * out; amounts are typed in euro. Problems the service names by the rules' path
 * (`rules.2.bands.1.upTo`) are mapped back to the form's fields, whose numbering counts the empty
 * rows too.
 */
import type { FieldProblem } from "~/errors/app-error";
import type { FeeBand, FeeRuleInput, FeeSchedule } from "../contract";

export type BandValues = { upTo: string; amount: string };
export type RuleValues = {
  code: string;
  label: { en: string; sv: string; it: string };
  types: string[];
  countries: string;
  basis: string;
  min: string;
  max: string;
  bands: BandValues[];
  budgetBands: BandValues[];
  remove: boolean;
};
export type ScheduleValues = { example: boolean; rules: RuleValues[] };

/** Empty rows offered for new bands and rules. */
export const EXTRA_BANDS = 2;

const blankBand = (): BandValues => ({ upTo: "", amount: "" });
const blankBands = (n: number) => Array.from({ length: n }, blankBand);

export function blankRule(): RuleValues {
  return {
    code: "",
    label: { en: "", sv: "", it: "" },
    types: [],
    countries: "",
    basis: "inhabitants",
    min: "",
    max: "",
    bands: blankBands(EXTRA_BANDS),
    budgetBands: blankBands(EXTRA_BANDS),
    remove: false,
  };
}

/** Cents as euro in the form: 150000 → "1500", 150050 → "1500.50". */
export function euroText(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** A schedule as the form shows it, with empty rows to add bands and a rule. */
export function scheduleValues(schedule: Pick<FeeSchedule, "example" | "rules"> | null): ScheduleValues {
  const rules = (schedule?.rules ?? []).map(
    (r): RuleValues => ({
      code: r.code,
      label: { ...r.label },
      types: [...r.types],
      countries: r.countries.join(", "),
      basis: r.basis,
      min: euroText(r.minCents),
      max: euroText(r.maxCents),
      bands: [...r.bands.map((b) => bandValues(b, r.basis === "budget")), ...blankBands(EXTRA_BANDS)],
      budgetBands: [...(r.budgetBands ?? []).map((b) => bandValues(b, true)), ...blankBands(EXTRA_BANDS)],
      remove: false,
    }),
  );
  return { example: schedule?.example ?? false, rules: [...rules, blankRule()] };
}

function bandValues(band: FeeBand, budget: boolean): BandValues {
  const upTo = band.upTo === null ? "" : budget ? euroText(band.upTo) : String(band.upTo);
  return { upTo, amount: euroText(band.amountCents) };
}

/** What the form posted, row by row (empty rows included). */
export function scheduleValuesFromForm(form: FormData): ScheduleValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const count = (prefix: string) => {
    let n = 0;
    while (form.has(`${prefix}.${n}.upTo`) || form.has(`${prefix}.${n}.amount`)) n++;
    return n;
  };
  const bands = (prefix: string): BandValues[] =>
    Array.from({ length: count(prefix) }, (_, i) => ({
      upTo: text(`${prefix}.${i}.upTo`),
      amount: text(`${prefix}.${i}.amount`),
    }));
  const rules: RuleValues[] = [];
  for (let r = 0; form.has(`rules.${r}.code`); r++) {
    const p = `rules.${r}`;
    rules.push({
      code: text(`${p}.code`),
      label: { en: text(`${p}.label.en`), sv: text(`${p}.label.sv`), it: text(`${p}.label.it`) },
      types: form.getAll(`${p}.types`).filter((v): v is string => typeof v === "string"),
      countries: text(`${p}.countries`),
      basis: text(`${p}.basis`),
      min: text(`${p}.min`),
      max: text(`${p}.max`),
      bands: bands(`${p}.bands`),
      budgetBands: bands(`${p}.budgetBands`),
      remove: form.get(`${p}.remove`) === "on",
    });
  }
  return { example: form.get("example") === "on", rules };
}

/** A whole number typed with or without thousands separators (5000, 5 000, 5,000, 5.000). */
export function parseCount(text: string): number | null | "invalid" {
  const t = text.replace(/[\s\u00a0\u202f]/g, "");
  if (t === "") return null;
  if (/^\d+$/.test(t) || /^\d{1,3}([.,']\d{3})+$/.test(t)) return Number(t.replace(/[.,']/g, ""));
  return "invalid";
}

/** Euro typed as 1500, 1500.50, 1500,50, 1.500 or 1,500,000 → cents. */
export function parseEuro(text: string): number | null | "invalid" {
  const t = text.replace(/[\s\u00a0\u202f€]/g, "");
  if (t === "") return null;
  if (/^\d+([.,]\d{1,2})?$/.test(t)) return Math.round(Number(t.replace(",", ".")) * 100);
  if (/^\d{1,3}([.,']\d{3})+$/.test(t)) return Number(t.replace(/[.,']/g, "")) * 100;
  const both = /^(\d{1,3}(?:([.,'])\d{3})*)([.,])(\d{1,2})$/.exec(t);
  if (both?.[1] && both[4] && both[2] !== both[3]) {
    return Number(both[1].replace(/[.,']/g, "")) * 100 + Number(both[4].padEnd(2, "0"));
  }
  return "invalid";
}

const bandEmpty = (b: BandValues) => b.upTo.trim() === "" && b.amount.trim() === "";
const ruleEmpty = (r: RuleValues) =>
  r.code.trim() === "" &&
  r.label.en.trim() === "" &&
  r.label.sv.trim() === "" &&
  r.label.it.trim() === "" &&
  r.types.length === 0 &&
  r.countries.trim() === "" &&
  r.min.trim() === "" &&
  r.max.trim() === "" &&
  r.bands.every(bandEmpty) &&
  r.budgetBands.every(bandEmpty);

/** Where each kept row came from: kept index → form index. */
export type RowMap = { rules: number[]; bands: number[][]; budgetBands: number[][] };

const notNumber: FieldProblem = { key: "errors:field.notNumber" };

/**
 * The schedule input the service checks, from the form's rows: empty and removed rows are left
 * out, numbers parsed (problems of unreadable numbers are named by form field). Numbers that
 * cannot be read are sent as their text, so the contract names them as well.
 */
export function scheduleInputFromValues(values: ScheduleValues): {
  input: { example: boolean; rules: FeeRuleInput[] };
  map: RowMap;
  problems: Record<string, FieldProblem>;
} {
  const problems: Record<string, FieldProblem> = {};
  const map: RowMap = { rules: [], bands: [], budgetBands: [] };
  const rules: FeeRuleInput[] = [];
  values.rules.forEach((r, ri) => {
    if (r.remove || ruleEmpty(r)) return;
    const p = `rules.${ri}`;
    const number = (field: string, parsed: number | null | "invalid"): number | null => {
      if (parsed === "invalid") {
        problems[`${p}.${field}`] ??= notNumber;
        return null;
      }
      return parsed;
    };
    const bands = (list: BandValues[], key: "bands" | "budgetBands", budget: boolean) => {
      const kept: number[] = [];
      const out: FeeBand[] = [];
      list.forEach((b, bi) => {
        if (bandEmpty(b)) return;
        kept.push(bi);
        const upTo = number(`${key}.${bi}.upTo`, budget ? parseEuro(b.upTo) : parseCount(b.upTo));
        const amount = number(`${key}.${bi}.amount`, parseEuro(b.amount));
        if (b.amount.trim() === "") problems[`${p}.${key}.${bi}.amount`] ??= { key: "errors:field.required" };
        out.push({ upTo, amountCents: amount ?? 0 });
      });
      return { kept, out };
    };
    const main = bands(r.bands, "bands", r.basis === "budget");
    const budget = bands(r.budgetBands, "budgetBands", true);
    map.rules.push(ri);
    map.bands.push(main.kept);
    map.budgetBands.push(budget.kept);
    rules.push({
      code: r.code,
      label: r.label,
      types: r.types as FeeRuleInput["types"],
      countries: r.countries
        .split(/[,;\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
      basis: r.basis as FeeRuleInput["basis"],
      bands: main.out,
      budgetBands: budget.out.length > 0 ? budget.out : null,
      minCents: number("min", parseEuro(r.min)),
      maxCents: number("max", parseEuro(r.max)),
    });
  });
  return { input: { example: values.example, rules }, map, problems };
}

const fieldNames: Record<string, string> = { minCents: "min", maxCents: "max", amountCents: "amount" };

/**
 * The form field a problem of the service belongs to: `rules.2.bands.1.upTo` → the form's
 * `rules.3.bands.1.upTo` when an empty rule row came before. Lists of checkboxes and countries
 * answer as one field (`rules.0.types.1` → `rules.0.types`).
 */
export function formFieldFor(path: string, map: RowMap): string {
  const parts = path.split(".");
  if (parts[0] !== "rules" || parts.length < 3) return path === "rules" ? "_" : path;
  const r = Number(parts[1]);
  const formRule = map.rules[r] ?? r;
  const field = parts[2] ?? "";
  if ((field === "bands" || field === "budgetBands") && parts.length >= 5) {
    const b = Number(parts[3]);
    const formBand = map[field][r]?.[b] ?? b;
    const leaf = parts[4] ?? "";
    return `rules.${formRule}.${field}.${formBand}.${fieldNames[leaf] ?? leaf}`;
  }
  if (field === "label" && parts[3]) return `rules.${formRule}.label.${parts[3]}`;
  return `rules.${formRule}.${fieldNames[field] ?? field}`;
}
