import { z } from "@hono/zod-openapi";
import { organisationTypeCodes } from "~/domains/reference/sern";
import { languages } from "~/i18n/i18n";

/**
 * The organisation directory's contract: the shapes the API, the pages, the CSV import and the
 * CLI all validate with. JSON field names are the camelCase of the CSV columns.
 */

export const organisationStatuses = ["applicant", "member", "partner", "former"] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];

export const OrganisationType = z.enum(organisationTypeCodes);

/** ISO 639-1 codes for working languages (two lower-case letters). */
const LanguageCode = z.string().regex(/^[a-z]{2}$/, "field.invalid");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullish();

const optionalCount = z.number().int("field.notInteger").min(0).max(100_000_000).nullish();

/** What a caller may set on an organisation (create; every field optional for PATCH). */
export const OrganisationInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry")),
    type: OrganisationType,
    /** Overrides the public-authority flag derived from the type; null returns to the derived value. */
    publicAuthority: z.boolean().nullish(),
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
    website: z
      .union([z.url({ protocol: /^https?$/ }).max(500), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullish(),
    street: optionalText(300),
    postalCode: optionalText(20),
    city: optionalText(120),
    workingLanguages: z.array(LanguageCode).max(10).optional(),
    priorities: z.array(z.string().min(1).max(60)).max(20).optional(),
    status: z.enum(organisationStatuses).optional(),
    memberSince: z.iso.date().nullish(),
    // What e-invoices need. The form of each identifier depends on the country: the service
    // normalises and checks them (./identifiers.ts).
    /** Italy: codice fiscale (11 digits for a body, 16 characters for a person). */
    taxCode: optionalText(20).openapi({ example: "00162210348" }),
    /** With the country prefix; for Italy and Sweden it is added when left out. */
    vatNumber: optionalText(20).openapi({ example: "IT00162210348" }),
    /** Italy: IPA office code (6 characters) of a public administration, or SDI code (7). */
    ipaCode: optionalText(7).openapi({ example: "UFXQ2L" }),
    /** Sweden: organisationsnummer. */
    orgNumber: optionalText(13).openapi({ example: "212000-1124" }),
    /** Peppol participant ID, scheme:value. */
    peppolId: optionalText(80).openapi({ example: "0007:2120001124" }),
    /** Where invoices are e-mailed (else the billing contact). */
    invoiceEmail: z
      .union([z.email().max(254), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullish(),
    /** Language of invoices when not the country's. */
    invoiceLanguage: z
      .union([z.enum(languages), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullish(),
    /** Annual budget in euro (for the fee rules of organisations that are not municipalities). */
    annualBudget: z
      .number()
      .min(0)
      .max(1_000_000_000_000)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "field.atMostCents")
      .nullish(),
  })
  .strict()
  .openapi("OrganisationInput");
export type OrganisationInput = z.input<typeof OrganisationInput>;

export const OrganisationPatch = OrganisationInput.partial().strict().openapi("OrganisationPatch");
export type OrganisationPatch = z.input<typeof OrganisationPatch>;

/** Fields a member contact may change on their own organisation's profile. */
export const memberEditableFields = [
  "name",
  "inhabitants",
  "employees",
  "website",
  "street",
  "postalCode",
  "city",
  "workingLanguages",
  "priorities",
  // Where and in which language their invoices go; identifiers and budget stay with the secretariat.
  "invoiceEmail",
  "invoiceLanguage",
] as const;

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.string().openapi({ example: "IT" }),
    type: OrganisationType,
    publicAuthority: z.boolean(),
    publicAuthorityOverridden: z.boolean(),
    officialCode: z.string().nullable().openapi({ example: "040012" }),
    nuts3: z.string().nullable().openapi({ example: "ITH58" }),
    nuts2: z.string().nullable().openapi({ example: "ITH5" }),
    region: z.string().nullable().openapi({ example: "Emilia-Romagna" }),
    inhabitants: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    website: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    workingLanguages: z.array(z.string()),
    priorities: z.array(z.string()),
    status: z.enum(organisationStatuses),
    memberSince: z.string().nullable().openapi({ example: "2021-05-20" }),
    taxCode: z.string().nullable(),
    vatNumber: z.string().nullable(),
    ipaCode: z.string().nullable(),
    orgNumber: z.string().nullable(),
    peppolId: z.string().nullable(),
    /** Shown to the network's own people only (null for others). */
    invoiceEmail: z.string().nullable(),
    invoiceLanguage: z.enum(languages).nullable(),
    /** Euro; shown to the network's own people only (null for others). */
    annualBudget: z.number().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Organisation");
export type Organisation = z.infer<typeof Organisation>;

export const Contact = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferredLanguage: z.enum(languages),
    legalRepresentative: z.boolean(),
    primaryContact: z.boolean(),
    hasAccount: z.boolean(),
  })
  .openapi("Contact");
export type Contact = z.infer<typeof Contact>;

export const ContactInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    jobTitle: optionalText(200),
    email: z
      .union([z.email().max(254), z.literal("")])
      .transform((v) => (v === "" ? null : v))
      .nullish(),
    phone: optionalText(40),
    preferredLanguage: z.enum(languages).optional(),
    legalRepresentative: z.boolean().optional(),
    primaryContact: z.boolean().optional(),
  })
  .strict()
  .openapi("ContactInput");
export type ContactInput = z.input<typeof ContactInput>;

export const StatusChange = z.object({
  fromStatus: z.enum(organisationStatuses).nullable(),
  toStatus: z.enum(organisationStatuses),
  changedAt: z.string(),
  note: z.string().nullable(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const sortKeys = [
  "relevance",
  "name",
  "-name",
  "country",
  "inhabitants",
  "-inhabitants",
  "memberSince",
  "-memberSince",
] as const;

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(20));

/** Directory query: the API's query string and the page's filters. */
export const OrganisationQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    country: csvList(z.string().regex(/^[A-Za-z]{2}$/, "field.unknownCountry")).optional(),
    type: csvList(OrganisationType).optional(),
    status: csvList(z.enum(organisationStatuses)).optional(),
    priority: csvList(z.string().max(60)).optional(),
    /** NUTS prefix: a NUTS 2 (ITH5) or NUTS 3 (ITH58) code, or a country-level NUTS 1. */
    nuts: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}[A-Za-z0-9]{0,3}$/, "field.unknownNuts")
      .optional(),
    sort: z.enum(sortKeys).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(25),
  })
  .openapi("OrganisationQuery");
export type OrganisationQuery = z.output<typeof OrganisationQuery>;

export const MemberStats = z
  .object({
    total: z.number().int(),
    byCountry: z.record(z.string(), z.number().int()).openapi({ example: { IT: 37, SE: 22 } }),
    byType: z.record(z.string(), z.number().int()),
    publicAuthorities: z.number().int(),
    nonPublic: z.number().int(),
  })
  .openapi("MemberStats");
export type MemberStats = z.infer<typeof MemberStats>;

/** The CSV columns, in export order. Import accepts them in any order. */
export const csvColumns = [
  "name",
  "country",
  "type",
  "official_code",
  "nuts3",
  "inhabitants",
  "employees",
  "website",
  "status",
  "member_since",
  "priorities",
] as const;

export const ImportRowProblem = z
  .object({
    row: z.number().int().openapi({ description: "Line in the file (the header is line 1)" }),
    column: z.string().nullable(),
    message: z.string(),
  })
  .openapi("ImportRowProblem");

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(ImportRowProblem),
    /** Row-level plan: what each row would do (first 1000 rows). */
    preview: z
      .array(z.object({ row: z.number().int(), action: z.enum(["create", "update", "unchanged"]), name: z.string() }))
      .optional(),
  })
  .openapi("ImportReport");
export type ImportReport = z.infer<typeof ImportReport>;

/** An organisation's page: the record plus what the caller may see and do. */
export const OrganisationDetail = Organisation.extend({
  contacts: z.array(Contact),
  contactsVisible: z.boolean(),
  statusHistory: z.array(StatusChange),
  can: z.object({ edit: z.boolean(), editAll: z.boolean(), archive: z.boolean(), editContacts: z.boolean() }),
}).openapi("OrganisationDetail");

export const OrganisationList = z
  .object({
    items: z.array(Organisation),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("OrganisationList");
