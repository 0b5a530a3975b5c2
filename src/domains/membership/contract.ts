import { z } from "@hono/zod-openapi";
import { organisationTypeCodes } from "~/domains/reference/sern";
import { languages } from "~/i18n/i18n";

/**
 * The membership application's contract: one flat set of fields shared by the public form
 * (multipart, no JavaScript needed) and `POST /api/v1/membership-applications`, so a field's
 * problem is named the same way in both.
 */

export const applicationStatuses = [
  "submitted",
  "incomplete",
  "ready_for_board",
  "approved",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** What an applicant organisation can become under the network's rules. */
export const applicationOutcomes = ["member", "partner"] as const;
export type ApplicationOutcome = (typeof applicationOutcomes)[number];

/** The texts an applicant accepts; their versions are recorded with the time of acceptance. */
export const STATUTE_VERSION = "statute-2021";
export const PRIVACY_VERSION = "privacy-2024";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullish();

/** Numbers arrive as text from forms: "" is none, "12 000" and "12,000" are 12000. */
const optionalCount = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.replace(/[\s,.'’]/g, ""))) : v),
  z.number("field.notNumber").int("field.notInteger").min(0).max(100_000_000).nullish(),
);

const optionalEuro = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.replace(/[\s']/g, "").replace(",", "."))) : v),
  z.number("field.notNumber").min(0).max(1_000_000_000_000).nullish(),
);

const email = z.string().trim().min(1).max(254).pipe(z.email());
const accepted = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "yes",
  z.literal(true, "field.mustAccept"),
);
const stringList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().min(1).max(60)).max(20),
);

export const ApplicationFields = z
  .object({
    /** The applicant's language: e-mails and the PDF form are written in it. */
    language: z.enum(languages),
    name: z.string().trim().min(1).max(300),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry")),
    type: z.enum(organisationTypeCodes),
    officialCode: optionalText(20),
    nuts3: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : v.toUpperCase()))
      .pipe(
        z
          .string()
          .regex(/^[A-Z]{2}[A-Z0-9]{3}$/, "field.unknownNuts")
          .nullable(),
      )
      .nullish(),
    inhabitants: optionalCount,
    employees: optionalCount,
    /** Annual budget in euro (for the fee of organisations that are not municipalities). */
    annualBudget: optionalEuro,
    website: z
      .union([z.url({ protocol: /^https?$/ }).max(500), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullish(),
    street: optionalText(300),
    postalCode: optionalText(20),
    city: optionalText(120),
    priorities: stringList.default([]),
    // Identifiers for invoices and e-invoices, checked for the country (organisations/identifiers.ts).
    taxCode: optionalText(20),
    vatNumber: optionalText(20),
    ipaCode: optionalText(10),
    orgNumber: optionalText(15),
    peppolId: optionalText(80),
    legalName: z.string().trim().min(1).max(200),
    legalJobTitle: optionalText(200),
    legalEmail: email,
    legalPhone: optionalText(40),
    contactName: z.string().trim().min(1).max(200),
    contactJobTitle: optionalText(200),
    contactEmail: email,
    contactPhone: optionalText(40),
    contactLanguage: z.enum(languages),
    /** The presentation letter to the Board's chair, as text (or a PDF uploaded as `letterFile`). */
    letterText: optionalText(20_000),
    acceptStatute: accepted,
    acceptPrivacy: accepted,
  })
  .strict()
  .openapi("MembershipApplicationFields");
export type ApplicationFields = z.input<typeof ApplicationFields>;
export type ParsedApplicationFields = z.output<typeof ApplicationFields>;

/** The fields an applicant may change when completing an application (not the acceptances). */
export const CompletionFields = ApplicationFields.omit({ acceptStatute: true, acceptPrivacy: true, language: true })
  .partial()
  .extend({ note: optionalText(5000) })
  .strict();
export type CompletionFields = z.input<typeof CompletionFields>;

/** A file as it arrived (form or API), before it is checked and stored. */
export type Upload = { filename: string; contentType: string; content: Uint8Array };

export const Person = z.object({
  name: z.string(),
  jobTitle: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
});

export const ApplicationDocument = z.object({
  kind: z.enum(["letter", "signedForm"]),
  fileId: z.uuid(),
  filename: z.string(),
  size: z.number().int(),
});

export const ApplicationEvent = z.object({
  at: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  actor: z.string().nullable(),
});

export const Application = z
  .object({
    id: z.uuid(),
    reference: z.string().openapi({ example: "SERN-2026-0001" }),
    status: z.enum(applicationStatuses),
    outcome: z.enum(applicationOutcomes),
    language: z.enum(languages),
    name: z.string(),
    country: z.string(),
    type: z.string(),
    officialCode: z.string().nullable(),
    nuts3: z.string().nullable(),
    inhabitants: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    annualBudget: z.number().nullable(),
    website: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    priorities: z.array(z.string()),
    identifiers: z.object({
      taxCode: z.string().nullable(),
      vatNumber: z.string().nullable(),
      ipaCode: z.string().nullable(),
      orgNumber: z.string().nullable(),
      peppolId: z.string().nullable(),
    }),
    legalRepresentative: Person,
    contact: Person.extend({ language: z.enum(languages) }),
    letterText: z.string().nullable(),
    documents: z.array(ApplicationDocument),
    statute: z.object({ version: z.string(), acceptedAt: z.string() }),
    privacy: z.object({ version: z.string(), acceptedAt: z.string() }),
    possibleDuplicates: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string() })),
    completionRequest: z.string().nullable(),
    readyAt: z.string().nullable(),
    meeting: z.object({ id: z.uuid(), date: z.string(), status: z.string() }).nullable(),
    decision: z.enum(["approve", "reject"]).nullable(),
    decisionReason: z.string().nullable(),
    decidedOn: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("MembershipApplication");
export type Application = z.infer<typeof Application>;

export const ApplicationSummary = Application.pick({
  id: true,
  reference: true,
  status: true,
  outcome: true,
  name: true,
  country: true,
  type: true,
  createdAt: true,
  meeting: true,
}).extend({ duplicates: z.number().int() });
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationList = z
  .object({ items: z.array(ApplicationSummary), total: z.number().int() })
  .openapi("MembershipApplicationList");

export const ApplicationQuery = z.object({
  status: z.enum(applicationStatuses).optional(),
});

/** What the applicant's private page shows (no internal notes, no duplicates). */
export type ApplicantView = Pick<
  Application,
  | "reference"
  | "status"
  | "outcome"
  | "language"
  | "name"
  | "country"
  | "type"
  | "completionRequest"
  | "documents"
  | "meeting"
  | "decision"
  | "decidedOn"
  | "letterText"
> & { fields: Record<string, string> };

export const DecisionInput = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: optionalText(5000),
    /** The day the Board decided (YYYY-MM-DD); membership starts on it. */
    decidedOn: z.iso.date(),
    /** The meeting that decided; by default the one the application is on. */
    meetingId: z.uuid().nullish(),
    /** Make this existing organisation (a flagged duplicate) the member instead of creating one. */
    organisationId: z.uuid().nullish(),
  })
  .strict()
  .openapi("MembershipDecision");
export type DecisionInput = z.input<typeof DecisionInput>;

export const RequestCompletionInput = z.object({ message: z.string().trim().min(1).max(5000) }).strict();
export const ReasonInput = z.object({ reason: optionalText(5000) }).strict();
