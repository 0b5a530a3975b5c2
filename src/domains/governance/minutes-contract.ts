/**
 * The minutes' contract (zod, shared by the service, the API and its OpenAPI document): what a
 * reader gets, and what the secretariat sends to edit and approve.
 */
import { z } from "@hono/zod-openapi";

export const minutesStatuses = ["draft", "approved"] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

/** The longest minutes accepted (characters). */
export const MAX_MINUTES_LENGTH = 200_000;

export const MinutesMeeting = z
  .object({
    id: z.uuid(),
    bodyCode: z.string(),
    bodyName: z.string().openapi({ description: "In the meeting's language" }),
    date: z.string().openapi({ format: "date" }),
    title: z.string().nullable(),
    status: z.string(),
    language: z.string(),
    public: z.boolean(),
  })
  .openapi("MinutesMeeting");

export const Minutes = z
  .object({
    meetingId: z.uuid(),
    meeting: MinutesMeeting,
    status: z.enum(minutesStatuses),
    text: z.string().openapi({ description: "Plain text; `# ` and `## ` start headings" }),
    version: z.number().int().openapi({ description: "Send it back when editing; a stale version answers 409" }),
    approvedAt: z.string().nullable().openapi({ format: "date-time" }),
    approvedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    approvedInMeeting: z
      .object({ id: z.uuid(), date: z.string().openapi({ format: "date" }), title: z.string().nullable() })
      .nullable()
      .openapi({ description: "The later meeting of the same body that approved them; null when the Chair did" }),
    pdfFileId: z.uuid().nullable().openapi({ description: "The PDF rendered on approval" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Minutes");
export type Minutes = z.infer<typeof Minutes>;

export const MinutesEdit = z
  .object({
    text: z.string().trim().min(1).max(MAX_MINUTES_LENGTH),
    version: z.number().int().min(1),
  })
  .strict()
  .openapi("MinutesEdit");
export type MinutesEdit = z.infer<typeof MinutesEdit>;

export const MinutesApproval = z
  .object({
    approvedInMeetingId: z.uuid().optional().openapi({
      description: "The later meeting of the same body that approved them (secretariat); omit when the Chair approves",
    }),
  })
  .strict()
  .openapi("MinutesApproval");
export type MinutesApproval = z.infer<typeof MinutesApproval>;
