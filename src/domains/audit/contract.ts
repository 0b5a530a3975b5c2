import { z } from "@hono/zod-openapi";

/** Empty form fields (`?action=`) mean "no filter". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** Filters of the audit log: every one optional, combined with AND. */
export const AuditQuery = z.object({
  actor: optional(z.string().trim().max(254)).openapi({
    description: "Part of the actor's e-mail address or label (`system:cli`), or the actor's user id",
  }),
  entityType: optional(z.string().trim().max(100)).openapi({ example: "organisation" }),
  entityId: optional(z.string().trim().max(200)),
  action: optional(z.string().trim().max(100)).openapi({ example: "organisation.update" }),
  from: optional(z.iso.date()).openapi({ description: "First day (YYYY-MM-DD, Europe/Rome)" }),
  to: optional(z.iso.date()).openapi({ description: "Last day, inclusive (YYYY-MM-DD, Europe/Rome)" }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.output<typeof AuditQuery>;

/** One changed field: its value before and after (null when absent). */
export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const AuditEvent = z
  .object({
    id: z.uuid(),
    at: z.string().openapi({ example: "2025-05-14T09:30:00.000Z" }),
    actorUserId: z.uuid().nullable(),
    actorLabel: z.string().openapi({ example: "secretariat@sern.example" }),
    action: z.string().openapi({ example: "organisation.update" }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    changes: z.array(FieldChange).openapi({ description: "The fields that differ between before and after" }),
  })
  .openapi("AuditEvent");
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z
  .object({
    items: z.array(AuditEvent),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("AuditPage");
export type AuditPage = z.infer<typeof AuditPage>;
