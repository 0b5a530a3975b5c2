/**
 * The contracts of governance meetings: what a meeting, its participants, agenda, outcomes and
 * the register of decisions look like at the boundary (API and forms), checked with zod. The
 * service parses every input with these; the API documents them (OpenAPI).
 */
import { z } from "@hono/zod-openapi";
import { languages } from "~/i18n/i18n";
import { attendanceValues } from "./quorum";

export const outcomes = ["approved", "rejected", "noted", "postponed", "elected"] as const;
export type Outcome = (typeof outcomes)[number];
/** Outcomes that enter the register of decisions. */
export const registeredOutcomes: readonly Outcome[] = ["approved", "rejected", "elected"];

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "field.invalidTime" });

/** An IANA time zone Intl knows (Europe/Rome, Europe/Stockholm…). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

const TimeZone = z.string().trim().min(1).max(64).refine(isTimeZone, { message: "field.invalidTimeZone" });
const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => u.startsWith("https://"), { message: "field.httpsOnly" });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .optional();
const optionalTime = z
  .union([HHMM, z.literal("")])
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional();
const optionalUrl = z
  .union([HttpsUrl, z.literal("")])
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional();
const Bool = z.union([z.boolean(), z.enum(["on", "true", "false", ""]).transform((v) => v === "on" || v === "true")]);

const meetingFields = {
  date: z.iso.date(),
  title: optionalText(200),
  startTime: optionalTime,
  endTime: optionalTime,
  timeZone: TimeZone.optional(),
  place: optionalText(300),
  videoUrl: optionalUrl,
  language: z.enum(languages).optional(),
  public: Bool.optional(),
};

function timesInOrder(v: { startTime?: string | null; endTime?: string | null }, ctx: z.RefinementCtx) {
  if (v.startTime && v.endTime && v.endTime <= v.startTime)
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "field.endBeforeStart" });
}

export const MeetingInput = z
  .object({ bodyCode: z.string().trim().min(1).max(40), ...meetingFields })
  .strict()
  .superRefine(timesInOrder)
  .openapi("MeetingInput");
export type MeetingInput = z.input<typeof MeetingInput>;

export const MeetingChangeInput = z
  .object({ ...meetingFields, date: meetingFields.date.optional() })
  .strict()
  .superRefine(timesInOrder)
  .openapi("MeetingChangeInput");
export type MeetingChangeInput = z.input<typeof MeetingChangeInput>;

export const MeetingQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  body: z.string().trim().max(40).optional(),
});

export const GuestInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().toLowerCase().email().max(254),
    language: z.enum(languages).default("en"),
  })
  .strict()
  .openapi("GuestInput");

export const AttendanceInput = z
  .object({
    attendance: z
      .union([z.enum(attendanceValues), z.literal("")])
      .nullable()
      .transform((v) => (v === "" ? null : v)),
    proxyHolderId: z
      .union([z.uuid(), z.literal("")])
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .strict()
  .openapi("AttendanceInput");

const agendaFields = {
  title: z.string().trim().min(1).max(300),
  description: optionalText(5000),
  presenter: optionalText(200),
  proposedDecision: optionalText(5000),
};
export const AgendaItemInput = z.object(agendaFields).strict().openapi("AgendaItemInput");
export const AgendaItemChange = z
  .object({
    ...agendaFields,
    title: agendaFields.title.optional(),
    move: z.enum(["up", "down"]).optional(),
  })
  .strict()
  .openapi("AgendaItemChange");

export const OutcomeInput = z
  .object({
    outcome: z
      .union([z.enum(outcomes), z.literal("")])
      .nullable()
      .transform((v) => (v === "" ? null : v)),
    text: optionalText(5000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome && registeredOutcomes.includes(v.outcome) && !v.text)
      ctx.addIssue({ code: "custom", path: ["text"], message: "field.required" });
  })
  .openapi("OutcomeInput");

export const DecisionQuery = z.object({
  q: z.string().trim().max(200).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  body: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

// ---------------------------------------------------------------------------------------------
// Output

export const MeetingSummary = z
  .object({
    id: z.uuid(),
    bodyCode: z.string(),
    date: z.string(),
    status: z.enum(["planned", "held", "cancelled"]),
    title: z.string().nullable(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    timeZone: z.string(),
    place: z.string().nullable(),
    videoUrl: z.string().nullable(),
    language: z.enum(languages),
    public: z.boolean(),
    sequence: z.number().int(),
  })
  .openapi("MeetingSummary");
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Participant = z
  .object({
    id: z.uuid(),
    key: z.string(),
    kind: z.enum(["member", "guest"]),
    name: z.string(),
    email: z.string().nullable(),
    language: z.enum(languages),
    organisationId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    userId: z.uuid().nullable(),
    attendance: z.enum(attendanceValues).nullable(),
    proxyHolderId: z.uuid().nullable(),
    invitedAt: z.string().nullable(),
  })
  .openapi("MeetingParticipant");
export type Participant = z.infer<typeof Participant>;

export const AgendaDocument = z.object({ id: z.uuid(), filename: z.string(), size: z.number().int() });

export const AgendaEntry = z
  .object({
    /** A stored item's id; null for a membership application shown by itself. */
    id: z.uuid().nullable(),
    position: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    presenter: z.string().nullable(),
    proposedDecision: z.string().nullable(),
    documents: z.array(AgendaDocument),
    applicationId: z.uuid().nullable(),
    link: z.string().nullable(),
    outcome: z.enum(outcomes).nullable(),
    outcomeText: z.string().nullable(),
    decision: z.object({ id: z.uuid(), label: z.string() }).nullable(),
  })
  .openapi("AgendaEntry");
export type AgendaEntry = z.infer<typeof AgendaEntry>;

export const QuorumSchema = z
  .object({
    percent: z.number().int(),
    entitled: z.number().int(),
    present: z.number().int(),
    byProxy: z.number().int(),
    required: z.number().int(),
    reached: z.boolean(),
  })
  .openapi("Quorum");

export const MeetingDetail = MeetingSummary.extend({
  bodyName: z.string(),
  participants: z.array(Participant),
  agenda: z.array(AgendaEntry),
  quorum: QuorumSchema,
  maxProxiesPerHolder: z.number().int(),
}).openapi("MeetingDetail");
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const RegisteredDecision = z
  .object({
    id: z.uuid(),
    year: z.number().int(),
    number: z.number().int(),
    label: z.string(),
    bodyCode: z.string(),
    meetingId: z.uuid().nullable(),
    agendaItemId: z.uuid().nullable(),
    decidedOn: z.string(),
    text: z.string(),
    voteId: z.uuid().nullable(),
  })
  .openapi("RegisteredDecision");
export type RegisteredDecision = z.infer<typeof RegisteredDecision>;

export const DecisionList = z
  .object({
    items: z.array(RegisteredDecision),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("DecisionList");
export type DecisionList = z.infer<typeof DecisionList>;
