import { z } from "@hono/zod-openapi";
import { organisationTypeCodes } from "~/domains/reference/sern";

/**
 * The fee schedules' contract. A schedule (one per year, in euro) is an ordered list of rules,
 * stored as one JSON document (fee_schedules.rules) and validated here: the shape with zod, the
 * rules between fields (bands ascending, no overlaps…) by `checkFeeRules` in ./rules.ts.
 *
 * A rule applies to some organisation types, in some countries (none listed: every country) and
 * says how the fee is found:
 * - `inhabitants`, `employees`, `budget` (annual budget in cents): the band the value falls in;
 * - `flat`: one open-ended band, the same amount for everyone.
 * A rule on `employees` may also carry `budgetBands`: the fee is then the higher of the two
 * bands' amounts (if only one of the two figures is known, its band decides).
 * Bands are ascending upper bounds (`upTo` inclusive); the last one is open-ended (`upTo: null`).
 * `minCents`/`maxCents` clamp the band's amount.
 */

export const feeBases = ["inhabitants", "employees", "budget", "flat"] as const;
export type FeeBasis = (typeof feeBases)[number];

export const FEE_CURRENCY = "EUR";

const MAX_CENTS = 100_000_000_00; // 100 million euro: far above any fee
const MAX_BOUND = 1_000_000_000_000_00; // bounds on budgets in cents

const Cents = z.number().int("field.notInteger").min(0).max(MAX_CENTS);

export const LocalizedLabel = z
  .object({
    en: z.string().trim().min(1).max(200),
    sv: z.string().trim().min(1).max(200),
    it: z.string().trim().min(1).max(200),
  })
  .strict()
  .openapi("LocalizedText");

export const FeeBand = z
  .object({
    /** Inclusive upper bound; null for the last, open-ended band. */
    upTo: z.number().int("field.notInteger").min(0).max(MAX_BOUND).nullable(),
    amountCents: Cents,
  })
  .strict()
  .openapi("FeeBand");
export type FeeBand = z.infer<typeof FeeBand>;

export const FeeRule = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "field.invalid")
      .openapi({ example: "municipality" }),
    label: LocalizedLabel,
    types: z.array(z.enum(organisationTypeCodes)).min(1).max(organisationTypeCodes.length),
    /** ISO country codes; empty or absent: every country without a rule of its own. */
    countries: z
      .array(
        z
          .string()
          .trim()
          .transform((v) => v.toUpperCase())
          .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry")),
      )
      .max(30)
      .default([]),
    basis: z.enum(feeBases),
    bands: z.array(FeeBand).min(1).max(50),
    /** Only with basis `employees`: bands on the annual budget (cents); the higher amount wins. */
    budgetBands: z.array(FeeBand).min(1).max(50).nullable().default(null),
    minCents: Cents.nullable().default(null),
    maxCents: Cents.nullable().default(null),
  })
  .strict()
  .openapi("FeeRule");
export type FeeRule = z.output<typeof FeeRule>;
export type FeeRuleInput = z.input<typeof FeeRule>;

export const FeeRules = z.array(FeeRule).max(100);
export type FeeRules = z.output<typeof FeeRules>;

/** What the secretariat saves for a year (the body of PUT /fee-schedules/{year}). */
export const FeeScheduleInput = z
  .object({
    currency: z.literal(FEE_CURRENCY).default(FEE_CURRENCY),
    example: z.boolean().default(false),
    rules: FeeRules,
  })
  .strict()
  .openapi("FeeScheduleInput");
export type FeeScheduleInput = z.input<typeof FeeScheduleInput>;

export const FeeSchedule = z
  .object({
    year: z.number().int().openapi({ example: 2027 }),
    currency: z.string().openapi({ example: "EUR" }),
    /** An example schedule (the demo's): every page that shows it says so. */
    example: z.boolean(),
    rules: FeeRules,
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("FeeSchedule");
export type FeeSchedule = z.infer<typeof FeeSchedule>;

export const FeeScheduleSummary = z
  .object({
    year: z.number().int(),
    currency: z.string(),
    example: z.boolean(),
    rules: z.number().int().openapi({ description: "How many rules" }),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("FeeScheduleSummary");
export type FeeScheduleSummary = z.infer<typeof FeeScheduleSummary>;

export const Year = z.coerce.number().int("field.notInteger").min(2000).max(2100);

const optionalCount = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce.number().int("field.notInteger").min(0).max(1_000_000_000).optional(),
);

/** The public calculator's question (the API's query string and the page's form). Budget in euro. */
export const FeeQuoteQuery = z
  .object({
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry"))
      .openapi({ example: "IT" }),
    type: z.enum(organisationTypeCodes).openapi({ example: "municipality" }),
    inhabitants: optionalCount.openapi({ example: 35000 }),
    employees: optionalCount,
    budget: z
      .preprocess(
        (v) => (v === "" ? undefined : v),
        z.coerce
          .number()
          .min(0)
          .max(10_000_000_000)
          .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "field.atMostCents")
          .optional(),
      )
      .openapi({ description: "Annual budget in euro" }),
    year: z.preprocess((v) => (v === "" ? undefined : v), Year.optional()),
  })
  .openapi("FeeQuoteQuery");
export type FeeQuoteQuery = z.output<typeof FeeQuoteQuery>;

export const FeeRuleRefSchema = z
  .object({
    code: z.string(),
    label: LocalizedLabel,
    basis: z.string().openapi({ example: "inhabitants" }),
    detail: z.string().openapi({ example: "Municipality, 20,001–50,000 inhabitants" }),
  })
  .openapi("FeeRuleRef");

export const FeeQuoteAnswer = z
  .object({
    amountCents: z.number().int().openapi({ example: 150000 }),
    currency: z.string().openapi({ example: "EUR" }),
    rule: FeeRuleRefSchema,
    year: z.number().int(),
    example: z.boolean(),
  })
  .openapi("FeeQuote");
export type FeeQuoteAnswer = z.infer<typeof FeeQuoteAnswer>;
