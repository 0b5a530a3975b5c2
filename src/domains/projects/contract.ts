import { z } from "@hono/zod-openapi";
import { fundingStatuses, phases } from "./pipeline";

/**
 * The projects' contract: the shapes the API and the pages validate with and answer in. Money is
 * always in integer cents of EUR (`…Cents`); texts people write are per language (en, sv, it), any
 * of them, read with a fallback. Domain checks that need the database or several fields (known
 * programme and action, the links' sites, awarded ≤ requested) are in ./rules.ts.
 */

export const Phase = z.enum(phases).openapi("ProjectPhase");
export const FundingStatus = z.enum(fundingStatuses).openapi("FundingStatus");

export const partnerKinds = ["organisation", "network", "external"] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const partnerRoles = ["lead", "partner", "associated"] as const;
export type PartnerRole = (typeof partnerRoles)[number];

/** At most EUR 100 billion, in cents: well within a safe integer. */
export const MAX_CENTS = 10_000_000_000_000;

/** A whole number: 10.5 reads "must be a whole number" (zod's own int check would say "must be a number"). */
const wholeNumber = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine(Number.isInteger, { message: "field.notInteger", abort: true })
    .openapi({ type: "integer" });
const cents = wholeNumber(MAX_CENTS).nullish().openapi({ description: "Integer cents of EUR", example: 2_500_000 });
const count = wholeNumber(100_000_000).nullish();
const date = z.iso.date().nullish();

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullish();

const url = z
  .union([z.url({ protocol: /^https?$/ }).max(500), z.literal("")])
  .transform((v) => (v === "" ? null : v))
  .nullish();

/** A text in any of the network's languages; an empty language is left out. */
const texts = (max: number) =>
  z
    .object({
      en: z.string().trim().max(max).optional(),
      sv: z.string().trim().max(max).optional(),
      it: z.string().trim().max(max).optional(),
    })
    .strict()
    .transform((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined && v !== "")))
    .openapi({
      description: "Per language (en, sv, it), any of them; read with a fallback",
      example: { en: "Green mobility for small towns", it: "Mobilità verde nei piccoli comuni" },
    });

const uuid = z.uuid();

/**
 * A partner: an organisation of the directory (`organisationId`), the network itself, or an
 * outside organisation (`name`, `country`, `organisationType`). The lead applicant is the partner
 * with `role` lead (at most one).
 */
export const PartnerInput = z
  .object({
    kind: z.enum(partnerKinds),
    organisationId: uuid.nullish(),
    name: optionalText(300),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "field.unknownCountry"))
      .nullish(),
    organisationType: optionalText(60),
    role: z.enum(partnerRoles).default("partner"),
    budgetShareCents: cents,
  })
  .strict()
  .openapi("PartnerInput", { example: { kind: "organisation", organisationId: "…", role: "partner" } });
export type PartnerInput = z.input<typeof PartnerInput>;
export type ParsedPartnerInput = z.output<typeof PartnerInput>;

const projectFields = {
  acronym: z.string().trim().min(1).max(40),
  title: texts(300),
  summary: texts(5000).optional(),
  priorities: z.array(z.string().min(1).max(60)).max(20).optional(),
  programmeCode: optionalText(60),
  actionCode: optionalText(60),
  callIdentifier: optionalText(120).openapi({ example: "CERV-2025-CITIZENS-TOWN-NT" }),
  deadline: date,
  submittedOn: date,
  initiatorOrganisationId: uuid.nullish(),
  totalBudgetCents: cents,
  grantRequestedCents: cents,
  grantAwardedCents: cents,
  grantPaidCents: cents,
  participantsPlanned: count,
  participantsActual: count,
  startDate: date,
  endDate: date,
  cordisUrl: url.openapi({ example: "https://cordis.europa.eu/project/id/101000001" }),
  erasmusPlusUrl: url.openapi({
    example: "https://erasmus-plus.ec.europa.eu/projects/search/details/2023-1-IT02-KA220-ADU-000000001",
  }),
  keepEuUrl: url.openapi({ example: "https://keep.eu/projects/12345/" }),
  websiteUrl: url,
  internal: z.boolean().optional(),
};

/** A new project. `phase` defaults to identification (an idea); a past project may be entered in a later phase. */
export const ProjectInput = z
  .object({
    ...projectFields,
    phase: Phase.optional(),
    fundingStatus: FundingStatus.nullish(),
    partners: z.array(PartnerInput).max(500).optional(),
  })
  .strict()
  .openapi("ProjectInput");
export type ProjectInput = z.input<typeof ProjectInput>;
export type ParsedProjectInput = z.output<typeof ProjectInput>;

/** A change of a project's data. Phase and funding status change through transitions; partners through their routes. */
export const ProjectPatch = z.object(projectFields).partial().strict().openapi("ProjectPatch");
export type ProjectPatch = z.input<typeof ProjectPatch>;
export type ParsedProjectPatch = z.output<typeof ProjectPatch>;

/** Fields a member contact may change on a project their organisation leads (in identification and formulation). */
export const memberEditableFields = [
  "acronym",
  "title",
  "summary",
  "priorities",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "totalBudgetCents",
  "grantRequestedCents",
  "participantsPlanned",
  "startDate",
  "endDate",
  "websiteUrl",
] as const;

/** A move to a phase, a funding decision, or both (the decision first). */
export const TransitionInput = z
  .object({
    phase: Phase.optional(),
    fundingStatus: FundingStatus.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi("TransitionInput", { example: { phase: "financing" } });
export type TransitionInput = z.input<typeof TransitionInput>;

/** What changes in a resubmission; everything else is copied from the rejected submission. */
export const ResubmissionInput = z
  .object({
    programmeCode: optionalText(60),
    actionCode: optionalText(60),
    callIdentifier: optionalText(120),
    deadline: date,
  })
  .strict()
  .openapi("ResubmissionInput");
export type ResubmissionInput = z.input<typeof ResubmissionInput>;

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(20));

export const projectSortKeys = ["-created", "acronym", "deadline", "-deadline"] as const;

/**
 * The list's filters. `year` is the year of the call's deadline, or, without a deadline, of the
 * day the application was submitted (decision 019). `member`: an organisation taking part (lead or
 * partner) or having initiated the project.
 */
export const ProjectQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    phase: csvList(Phase).optional(),
    fundingStatus: csvList(FundingStatus).optional(),
    programme: csvList(z.string().max(60)).optional(),
    priority: csvList(z.string().max(60)).optional(),
    member: z.uuid().optional(),
    year: z.coerce.number().int().min(1990).max(2100).optional(),
    idea: z.uuid().optional(),
    sort: z.enum(projectSortKeys).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(25),
  })
  .openapi("ProjectQuery");
export type ProjectQuery = z.output<typeof ProjectQuery>;

const Text = z.object({ en: z.string().optional(), sv: z.string().optional(), it: z.string().optional() });

export const Partner = z
  .object({
    id: z.uuid(),
    kind: z.enum(partnerKinds),
    organisationId: z.uuid().nullable(),
    /** The organisation's name (from the directory for `organisation`; the network's name for `network`). */
    name: z.string().nullable(),
    country: z.string().nullable(),
    organisationType: z.string().nullable(),
    role: z.enum(partnerRoles),
    budgetShareCents: z.number().int().nullable(),
  })
  .openapi("Partner");
export type Partner = z.infer<typeof Partner>;

export const Project = z
  .object({
    id: z.uuid(),
    ideaId: z.uuid(),
    resubmissionOf: z.uuid().nullable(),
    submissionNumber: z.number().int(),
    acronym: z.string(),
    title: Text,
    summary: Text,
    priorities: z.array(z.string()),
    programmeCode: z.string().nullable(),
    actionCode: z.string().nullable(),
    callIdentifier: z.string().nullable(),
    deadline: z.string().nullable(),
    submittedOn: z.string().nullable(),
    /** The year the list filters by: of the deadline, else of the submission. */
    year: z.number().int().nullable(),
    initiatorOrganisationId: z.uuid().nullable(),
    initiatorName: z.string().nullable(),
    lead: Partner.nullable(),
    phase: Phase,
    fundingStatus: FundingStatus.nullable(),
    currency: z.literal("EUR"),
    totalBudgetCents: z.number().int().nullable(),
    grantRequestedCents: z.number().int().nullable(),
    grantAwardedCents: z.number().int().nullable(),
    grantPaidCents: z.number().int().nullable(),
    participantsPlanned: z.number().int().nullable(),
    participantsActual: z.number().int().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    cordisUrl: z.string().nullable(),
    erasmusPlusUrl: z.string().nullable(),
    keepEuUrl: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    internal: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Project");
export type Project = z.infer<typeof Project>;

export const Submission = z
  .object({
    id: z.uuid(),
    submissionNumber: z.number().int(),
    phase: Phase,
    fundingStatus: FundingStatus.nullable(),
    callIdentifier: z.string().nullable(),
    deadline: z.string().nullable(),
  })
  .openapi("Submission");
export type Submission = z.infer<typeof Submission>;

export const ProjectAbilities = z.object({
  edit: z.boolean(),
  editAll: z.boolean(),
  editPartners: z.boolean(),
  move: z.boolean(),
  resubmit: z.boolean(),
});
export type ProjectAbilities = z.infer<typeof ProjectAbilities>;

/** A project's page: the project, its partners, every submission of its idea, and what the caller may do. */
export const ProjectDetail = Project.extend({
  partners: z.array(Partner),
  submissions: z.array(Submission),
  can: ProjectAbilities,
}).openapi("ProjectDetail");
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const ProjectList = z
  .object({
    items: z.array(Project),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("ProjectList");
export type ProjectList = z.infer<typeof ProjectList>;

export const Transition = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    fromPhase: Phase.nullable(),
    toPhase: Phase,
    fromFundingStatus: FundingStatus.nullable(),
    toFundingStatus: FundingStatus.nullable(),
    reason: z.string().nullable(),
    actorName: z.string(),
    at: z.string(),
  })
  .openapi("ProjectTransition");
export type Transition = z.infer<typeof Transition>;

export const FundingProgramme = z
  .object({
    code: z.string(),
    names: z.object({ en: z.string(), sv: z.string(), it: z.string() }),
    level: z.enum(["eu", "national", "member"]),
    active: z.boolean(),
    actions: z.array(
      z.object({ code: z.string(), names: z.object({ en: z.string(), sv: z.string(), it: z.string() }) }),
    ),
  })
  .openapi("FundingProgramme");
