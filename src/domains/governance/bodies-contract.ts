/**
 * The contract of governance bodies and mandates: what the API and the pages accept and answer.
 * Input schemas validate at the boundary (field problems become message keys); output schemas
 * describe what the services return (never raw rows).
 */
import { z } from "@hono/zod-openapi";

export const bodyKinds = ["assembly", "collegial", "office", "staff"] as const;
export type BodyKind = (typeof bodyKinds)[number];
export const mandateRoles = ["member", "substitute"] as const;
export type MandateRole = (typeof mandateRoles)[number];
/** Where a mandate stands on a day: held, not yet begun, or over (ended early or expired). */
export const mandateStatuses = ["current", "upcoming", "past"] as const;
export type MandateStatus = (typeof mandateStatuses)[number];

const Names = z.object({ en: z.string(), sv: z.string(), it: z.string() }).openapi("LocalizedText");
const isoDate = z.string().openapi({ example: "2026-04-16" });

/** Empty form values count as "not given". */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalUuid = z.preprocess(blankToUndefined, z.uuid().optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date().optional());
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string()
      .max(max)
      .nullish()
      .transform((v) => (v ? v : null)),
  );

// ---------------------------------------------------------------------------------------------
// Input

export const MandateInput = z
  .object({
    /** A contact of a member organisation (the usual holder). */
    contactId: optionalUuid.openapi({ format: "uuid" }),
    /** A user: the Secretariat's staff, or a Board member's account bound to the mandate. */
    userId: optionalUuid.openapi({ format: "uuid" }),
    /** The holder's member organisation, when the holder is a user without a contact. */
    organisationId: optionalUuid.openapi({ format: "uuid" }),
    startsOn: z.iso.date().openapi({ example: "2026-04-16" }),
    /** Default: the start plus the body's term, less one day; none when the body has no term. */
    endsOn: optionalDate.openapi({ example: "2028-04-15" }),
    role: z.preprocess(blankToUndefined, z.enum(mandateRoles).default("member")),
    /** The decision in the register that gave the mandate. */
    decisionId: optionalUuid.openapi({ format: "uuid" }),
    /** Or the decision in words, when it predates Ponte ("General Assembly 2026-04-16"). */
    decisionNote: optionalText(500),
  })
  .strict()
  .openapi("MandateInput");
export type MandateInput = z.input<typeof MandateInput>;

export const EndMandateInput = z
  .object({
    /** The day from which the mandate no longer holds (default today). */
    endedOn: optionalDate.openapi({ example: "2026-11-26" }),
    reason: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z.string().min(1).max(1000).openapi({ example: "Resigned" }),
    ),
  })
  .strict()
  .openapi("EndMandateInput");
export type EndMandateInput = z.input<typeof EndMandateInput>;

export const BodyRulesInput = z
  .object({
    /** Number of seats; null: no fixed number. */
    seats: z.number().int().min(1).max(200).nullable().optional(),
    /** Term in months; null: open-ended mandates. */
    termMonths: z.number().int().min(1).max(120).nullable().optional(),
    quorumPercent: z.number().int().min(0).max(100).optional(),
    /** Countries sharing the seats equally (ISO 3166 alpha-2, e.g. IT, SE); empty: no rule. */
    balancedCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/, { message: "field.unknownCountry" }))
      .max(10)
      .optional(),
    public: z.boolean().optional(),
  })
  .strict()
  .openapi("BodyRulesInput");
export type BodyRulesInput = z.input<typeof BodyRulesInput>;

export const MandateQuery = z.object({
  /** The day the composition is read at (default today). */
  at: optionalDate.openapi({ param: { name: "at", in: "query" }, example: "2026-11-26" }),
  /** Also mandates that are over or not yet begun. */
  history: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ param: { name: "history", in: "query" } }),
});

// ---------------------------------------------------------------------------------------------
// Output

export const Mandate = z
  .object({
    id: z.string().uuid(),
    bodyCode: z.string(),
    contactId: z.string().uuid().nullable(),
    userId: z.string().uuid().nullable(),
    organisationId: z.string().uuid().nullable(),
    organisationName: z.string().nullable(),
    organisationCountry: z.string().nullable(),
    /** The holder's name when the mandate was given. */
    name: z.string(),
    /** Only for the secretariat. */
    email: z.string().nullable().optional(),
    role: z.enum(mandateRoles),
    startsOn: isoDate,
    endsOn: isoDate.nullable(),
    endedOn: isoDate.nullable(),
    endReason: z.string().nullable(),
    /** The last day the mandate holds: the day before `endedOn`, else `endsOn` (null: open-ended). */
    lastDay: isoDate.nullable(),
    decisionId: z.string().uuid().nullable(),
    decisionNote: z.string().nullable(),
    status: z.enum(mandateStatuses),
  })
  .openapi("Mandate");
export type Mandate = z.infer<typeof Mandate>;

/** A holder as the public sees one: name and organisation, the role, since and until. */
export const PublicHolder = z
  .object({
    name: z.string(),
    organisationName: z.string().nullable(),
    organisationCountry: z.string().nullable(),
    role: z.enum(mandateRoles),
    startsOn: isoDate,
    lastDay: isoDate.nullable(),
  })
  .openapi("PublicHolder");
export type PublicHolder = z.infer<typeof PublicHolder>;

export const CompositionProblem = z
  .object({
    /** `overSeats`: more members than seats; `balance`: a country over its share; `outsideBalance`: a member from a country outside the rule; `officeWithoutParent`: an office holder without a seat in the parent body. */
    kind: z.enum(["overSeats", "balance", "outsideBalance", "officeWithoutParent"]),
    country: z.string().nullable(),
    count: z.number().int(),
    max: z.number().int().nullable(),
    name: z.string().nullable(),
  })
  .openapi("CompositionProblem");
export type CompositionProblem = z.infer<typeof CompositionProblem>;

const Rules = {
  code: z.string(),
  names: Names,
  kind: z.enum(bodyKinds),
  parentCode: z.string().nullable(),
  seats: z.number().int().nullable(),
  termMonths: z.number().int().nullable(),
  quorumPercent: z.number().int(),
  balancedCountries: z.array(z.string()),
  public: z.boolean(),
  holdsMeetings: z.boolean(),
};

/** A body as the public sees it: its rules and who holds its seats now. */
export const PublicBody = z.object({ ...Rules, holders: z.array(PublicHolder) }).openapi("PublicBody");
export type PublicBody = z.infer<typeof PublicBody>;

/** A body in the governance overview (secretariat, Board). */
export const BodySummary = z
  .object({
    ...Rules,
    holders: z.array(Mandate),
    /** Current members (role member) — what counts against the seats. */
    memberCount: z.number().int(),
    /** Seats minus current members (null: no fixed number of seats). */
    vacancies: z.number().int().nullable(),
    problems: z.array(CompositionProblem),
    /** Mandates ending within the warning window. */
    endingSoon: z.array(Mandate),
  })
  .openapi("BodySummary");
export type BodySummary = z.infer<typeof BodySummary>;

export const BodyList = z.union([z.array(BodySummary), z.array(PublicBody)]).openapi("BodyList");

/** One body with its composition on a day, its history and upcoming mandates. */
export const BodyDetail = z
  .object({
    ...BodySummary.shape,
    at: isoDate,
    warningDays: z.number().int(),
    upcoming: z.array(Mandate),
    history: z.array(Mandate),
  })
  .openapi("BodyDetail");
export type BodyDetail = z.infer<typeof BodyDetail>;

/** A current mandate holder with the address to invite them (for meetings). */
export type CurrentHolder = {
  mandateId: string;
  contactId: string | null;
  userId: string | null;
  organisationId: string | null;
  organisationCountry: string | null;
  name: string;
  email: string | null;
  language: "en" | "sv" | "it";
  role: MandateRole;
};
