import { and, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { auditEvents } from "~/audit/schema";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type AuditEvent, type AuditPage, AuditQuery } from "./contract";
import { diffFields } from "./diff";
import { canReadAuditLog } from "./policy";

/** Days are the network's days: a filter "to 2025-05-14" ends at midnight in Parma. */
const TIME_ZONE = "Europe/Rome";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The audit log, newest first, filtered by actor, entity, action and a range of days. */
export async function listAuditEvents(
  db: DbOrTx,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<AuditPage & { query: AuditQuery }> {
  authorize(actor, canReadAuditLog(actor));
  const q = parseInput(AuditQuery, query);
  if (q.from && q.to && q.from > q.to) {
    throw new AppError("validation", "errors:validation", { to: { key: "admin:audit.filters.rangeInvalid" } });
  }
  const where: SQL[] = [];
  if (q.actor) {
    const byLabel = ilike(auditEvents.actorLabel, likePattern(q.actor));
    where.push(UUID.test(q.actor) ? (or(byLabel, eq(auditEvents.actorUserId, q.actor)) ?? byLabel) : byLabel);
  }
  if (q.entityType) where.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditEvents.entityId, q.entityId));
  if (q.action) where.push(eq(auditEvents.action, q.action));
  if (q.from) where.push(sql`${auditEvents.at} >= (${q.from}::date)::timestamp at time zone ${TIME_ZONE}`);
  if (q.to) where.push(sql`${auditEvents.at} < (${q.to}::date + 1)::timestamp at time zone ${TIME_ZONE}`);
  const condition = where.length ? and(...where) : undefined;

  const [total] = await db.select({ n: count() }).from(auditEvents).where(condition);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(condition)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items: AuditEvent[] = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    changes: diffFields(r.before, r.after),
  }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, query: q };
}

/** The actions and entity types that occur in the log, for the filter form's choices. */
export async function auditFilterChoices(
  db: DbOrTx,
  actor: Actor,
): Promise<{ actions: string[]; entityTypes: string[] }> {
  authorize(actor, canReadAuditLog(actor));
  const actions = await db
    .selectDistinct({ v: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action)
    .limit(500);
  const types = await db
    .selectDistinct({ v: auditEvents.entityType })
    .from(auditEvents)
    .orderBy(auditEvents.entityType)
    .limit(500);
  return { actions: actions.map((r) => r.v), entityTypes: types.map((r) => r.v) };
}
