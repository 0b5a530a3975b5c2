/**
 * The fee rules, as pure functions: checking a schedule's rules beyond their shape, and quoting
 * the fee for an organisation's facts. Used by the service (feeFor, the public calculator), the
 * pages and the tests; nothing here reads the database.
 *
 * Which rule applies: among the rules listing the organisation's type, one that names its country
 * wins over one that names no country (the default for every other country). `checkFeeRules`
 * refuses two rules that could both apply (same type, and both without countries or sharing a
 * country), so the order of the rules never decides a fee.
 */
import type { LocalizedText } from "~/db/columns";
import { organisationTypes } from "~/domains/reference/sern";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { issuesToFields } from "~/errors/validation";
import { type Language, languages, localeOf, translator } from "~/i18n/i18n";
import { FEE_CURRENCY, type FeeBand, type FeeBasis, type FeeRule, FeeScheduleInput } from "./contract";

/** What a fee depends on. Budget in cents. */
export type FeeFacts = {
  country: string;
  type: string;
  inhabitants: number | null;
  employees: number | null;
  budgetCents: number | null;
};

/** Which rule and band produced a fee, in words in each language. */
export type FeeRuleRef = {
  code: string;
  label: LocalizedText;
  /** The basis that decided: inhabitants, employees, budget or flat. */
  basis: string;
  /** e.g. "Municipality, 20,001–50,000 inhabitants" (English; `details` has every language). */
  detail: string;
  details: LocalizedText;
  /** The band (index in the rule's `bands`, or in `budgetBands` when basis is budget on an employees rule). */
  band: { index: number; from: number; upTo: number | null };
  /** Whether the rule's minimum or maximum changed the band's amount. */
  clamped: "min" | "max" | null;
};

export type FeeQuote = { amountCents: number; currency: string; rule: FeeRuleRef };

/** What quote needs of a schedule. */
export type ScheduleRules = { currency?: string; rules: readonly FeeRule[] };

// ---------------------------------------------------------------------------------------------
// Checking

const problem = (key: string, values?: Record<string, string | number>): FieldProblem =>
  values ? { key: `fees:problems.${key}`, values } : { key: `fees:problems.${key}` };

function checkBands(bands: readonly FeeBand[], path: string, fields: Record<string, FieldProblem>): void {
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (band.upTo === null && !last) fields[`${path}.${i}.upTo`] ??= problem("openBandNotLast");
    if (band.upTo !== null && last) fields[`${path}.${i}.upTo`] ??= problem("lastBandOpen");
    const previous = i > 0 ? bands[i - 1]?.upTo : undefined;
    if (band.upTo !== null && previous !== undefined && previous !== null && band.upTo <= previous)
      fields[`${path}.${i}.upTo`] ??= problem("bandsAscending", { previous });
  });
}

/**
 * Problems between fields of a schedule's rules, by path (`rules.2.bands.1.upTo`): bands strictly
 * ascending with exactly one open-ended band, last; a flat rule has exactly one band; minimum not
 * above maximum; codes unique; no type covered twice in a country.
 */
export function checkFeeRules(rules: readonly FeeRule[], prefix = "rules"): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  const codes = new Map<string, number>();
  rules.forEach((rule, r) => {
    const at = `${prefix}.${r}`;
    const seen = codes.get(rule.code);
    if (seen !== undefined) fields[`${at}.code`] ??= problem("duplicateCode", { rule: seen + 1 });
    else codes.set(rule.code, r);
    if (rule.basis === "flat" && rule.bands.length !== 1) fields[`${at}.bands`] ??= problem("flatOneBand");
    checkBands(rule.bands, `${at}.bands`, fields);
    if (rule.budgetBands) {
      if (rule.basis !== "employees") fields[`${at}.budgetBands`] ??= problem("budgetBandsOnlyEmployees");
      else checkBands(rule.budgetBands, `${at}.budgetBands`, fields);
    }
    if (rule.minCents != null && rule.maxCents != null && rule.minCents > rule.maxCents)
      fields[`${at}.maxCents`] ??= problem("minAboveMax");
    const types = new Set<string>();
    rule.types.forEach((type, i) => {
      if (types.has(type)) fields[`${at}.types.${i}`] ??= problem("duplicateType");
      types.add(type);
    });
    // Overlap with an earlier rule: same type, and both for every country or sharing a country.
    for (let o = 0; o < r; o++) {
      const other = rules[o];
      if (!other) continue;
      const sharedType = rule.types.find((t) => other.types.includes(t));
      if (!sharedType) continue;
      const bothDefault = rule.countries.length === 0 && other.countries.length === 0;
      const sharedCountry = rule.countries.find((c) => other.countries.includes(c));
      if (bothDefault || sharedCountry) {
        fields[`${at}.types`] ??= problem("overlap", {
          rule: o + 1,
          code: other.code,
          type: sharedType,
          country: sharedCountry ?? "*",
        });
        break;
      }
    }
  });
  return fields;
}

/** Throws a validation error naming every problem of the rules (see checkFeeRules). */
export function assertFeeRules(rules: readonly FeeRule[]): void {
  const fields = checkFeeRules(rules);
  if (Object.keys(fields).length > 0) throw new AppError("validation", "errors:validation", fields);
}

// ---------------------------------------------------------------------------------------------
// Quoting

/** The index of the band a value falls in: the first whose bound it does not exceed. */
export function bandIndex(bands: readonly FeeBand[], value: number): number {
  const i = bands.findIndex((b) => b.upTo === null || value <= b.upTo);
  return i === -1 ? bands.length - 1 : i;
}

/** The rule that applies to an organisation's country and type, if any. */
export function ruleFor(rules: readonly FeeRule[], country: string, type: string): FeeRule | undefined {
  const forType = rules.filter((r) => (r.types as readonly string[]).includes(type));
  return forType.find((r) => r.countries.includes(country)) ?? forType.find((r) => r.countries.length === 0);
}

type Pick = { basis: Exclude<FeeBasis, "flat"> | "flat"; bands: readonly FeeBand[]; index: number };

function factFor(basis: FeeBasis, facts: FeeFacts): number | null {
  if (basis === "inhabitants") return facts.inhabitants;
  if (basis === "employees") return facts.employees;
  if (basis === "budget") return facts.budgetCents;
  return 0;
}

/** The field of the quote's question that a basis needs. */
const factField: Record<Exclude<FeeBasis, "flat">, string> = {
  inhabitants: "inhabitants",
  employees: "employees",
  budget: "budget",
};

function pickBand(rule: FeeRule, facts: FeeFacts): Pick {
  if (rule.basis === "flat") return { basis: "flat", bands: rule.bands, index: 0 };
  const value = factFor(rule.basis, facts);
  const budgetBands = rule.basis === "employees" ? rule.budgetBands : null;
  if (budgetBands) {
    const budget = facts.budgetCents;
    const byEmployees =
      value === null ? null : { basis: rule.basis, bands: rule.bands, index: bandIndex(rule.bands, value) };
    const byBudget =
      budget === null ? null : { basis: "budget" as const, bands: budgetBands, index: bandIndex(budgetBands, budget) };
    if (byEmployees && byBudget) {
      const a = byEmployees.bands[byEmployees.index]?.amountCents ?? 0;
      const b = byBudget.bands[byBudget.index]?.amountCents ?? 0;
      return b > a ? byBudget : byEmployees;
    }
    const either = byEmployees ?? byBudget;
    if (either) return either;
    throw new AppError("validation", "fees:problems.factsMissing", {
      employees: problem("employeesOrBudgetNeeded"),
      budget: problem("employeesOrBudgetNeeded"),
    });
  }
  if (value === null)
    throw new AppError("validation", "fees:problems.factsMissing", {
      [factField[rule.basis]]: problem(`${rule.basis}Needed`),
    });
  return { basis: rule.basis, bands: rule.bands, index: bandIndex(rule.bands, value) };
}

function clamp(amount: number, rule: FeeRule): { amount: number; clamped: "min" | "max" | null } {
  if (rule.minCents != null && amount < rule.minCents) return { amount: rule.minCents, clamped: "min" };
  if (rule.maxCents != null && amount > rule.maxCents) return { amount: rule.maxCents, clamped: "max" };
  return { amount, clamped: null };
}

/**
 * The fee for an organisation under a schedule: the rule for its country and type, the band its
 * figure falls in, clamped by the rule's minimum and maximum. Throws a validation error (422)
 * naming `type` when no rule applies, or the figure the rule needs when it is missing.
 */
export function quote(schedule: ScheduleRules, facts: FeeFacts): FeeQuote {
  for (const key of ["inhabitants", "employees", "budgetCents"] as const) {
    const v = facts[key];
    if (v !== null && (!Number.isFinite(v) || v < 0))
      throw new AppError("validation", "errors:validation", {
        [key === "budgetCents" ? "budget" : key]: { key: "errors:field.tooSmall", values: { min: 0 } },
      });
  }
  const rule = ruleFor(schedule.rules, facts.country, facts.type);
  if (!rule) throw new AppError("validation", "fees:problems.noRule", { type: problem("noRuleForType") });
  const pick = pickBand(rule, facts);
  const band = pick.bands[pick.index];
  const { amount, clamped } = clamp(band?.amountCents ?? 0, rule);
  const from = pick.index === 0 ? 0 : (pick.bands[pick.index - 1]?.upTo ?? 0) + 1;
  const upTo = band?.upTo ?? null;
  const details = Object.fromEntries(
    languages.map((language) => [language, describe(language, facts.type, pick.basis, from, upTo, clamped)]),
  ) as LocalizedText;
  return {
    amountCents: amount,
    currency: schedule.currency ?? FEE_CURRENCY,
    rule: {
      code: rule.code,
      label: rule.label,
      basis: pick.basis,
      detail: details.en,
      details,
      band: { index: pick.index, from, upTo },
      clamped,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Words

function typeName(language: Language, type: string): string {
  return organisationTypes.find((t) => t.code === type)?.names[language] ?? type;
}

/** Number formats are costly to build (a quote is computed for every member in an invoicing run): built once each. */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, kind: "count" | "euro" | "cents"): Intl.NumberFormat {
  const key = `${language}:${kind}`;
  let format = formats.get(key);
  if (!format) {
    format =
      kind === "count"
        ? new Intl.NumberFormat(localeOf[language])
        : new Intl.NumberFormat(localeOf[language], {
            style: "currency",
            currency: FEE_CURRENCY,
            minimumFractionDigits: kind === "euro" ? 0 : 2,
            maximumFractionDigits: kind === "euro" ? 0 : 2,
          });
    formats.set(key, format);
  }
  return format;
}

/** A figure as the reader writes it: a count, or a budget in euro (from cents). */
export function formatFigure(language: Language, basis: string, value: number): string {
  if (basis === "budget") return numberFormat(language, value % 100 === 0 ? "euro" : "cents").format(value / 100);
  return numberFormat(language, "count").format(value);
}

/** A band in words: "20,001–50,000 inhabitants", "up to 5,000 inhabitants", "more than 100,000 inhabitants". */
export function describeBand(
  language: Language,
  basis: string,
  from: number,
  upTo: number | null,
  isFirst = from === 0,
): string {
  const t = translator(language);
  if (basis === "flat") return t("fees:detail.flat");
  const f = (v: number) => formatFigure(language, basis, v);
  const unit = `fees:detail.${basis}`;
  if (upTo === null && isFirst) return t(`${unit}.any`);
  if (upTo === null) return t(`${unit}.above`, { from: f(from - 1) });
  if (isFirst) return t(`${unit}.upTo`, { upTo: f(upTo) });
  // Budgets are in cents: "above €1,000,000 and up to…" reads better than "€1,000,000.01–…".
  return t(`${unit}.range`, { from: f(basis === "budget" ? from - 1 : from), upTo: f(upTo) });
}

function describe(
  language: Language,
  type: string,
  basis: string,
  from: number,
  upTo: number | null,
  clamped: "min" | "max" | null,
): string {
  const t = translator(language);
  const text = `${typeName(language, type)}, ${describeBand(language, basis, from, upTo)}`;
  return clamped ? `${text} (${t(`fees:detail.clamped.${clamped}`)})` : text;
}

/** Every problem of a schedule's input, without saving it: the shape, then the rules between fields. */
export function scheduleProblems(input: unknown): Record<string, FieldProblem> {
  const parsed = FeeScheduleInput.safeParse(input, { reportInput: true });
  if (!parsed.success) return issuesToFields(parsed.error.issues);
  return checkFeeRules(parsed.data.rules);
}
