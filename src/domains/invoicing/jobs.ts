/**
 * Invoicing's background jobs (listed in src/jobs/handlers.ts):
 * - `invoicing.deliver` {ids}: render each document's PDF into stored_files and e-mail it once;
 * - `invoicing.daily` (06:00 UTC): mark overdue invoices, send reminders, and queue the delivery
 *   of any issued document still without a PDF (a queue lost with a crash catches up here).
 * Both are safe to repeat.
 */
import { and, isNotNull, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "~/db/client";
import type { JobDefinition } from "~/jobs/queue";
import { deliverInvoice } from "./delivery";
import { followUpOverdue } from "./reminders";
import { invoices } from "./schema";
import { DELIVER_JOB, enqueueDelivery } from "./service";

const DeliverData = z.object({ ids: z.array(z.string().uuid()).max(500) });

async function deliver(database: Database, data: unknown): Promise<void> {
  const { ids } = DeliverData.parse(data);
  let missing = 0;
  for (const id of ids) {
    if ((await deliverInvoice(database, id)) === "missing") missing += 1;
  }
  // Queued by a transaction that has not committed yet (or that rolled back): try again later.
  if (missing > 0) throw new Error(`${missing} invoices not found yet`);
}

/** Queues the delivery of numbered documents that still have no PDF a day after they were issued. */
export async function catchUpDeliveries(database: Database): Promise<number> {
  const rows = await database.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        isNull(invoices.pdfFileId),
        isNotNull(invoices.number),
        lt(invoices.createdAt, new Date(Date.now() - 24 * 3600 * 1000)),
      ),
    )
    .limit(50_000);
  return enqueueDelivery(rows.map((r) => r.id));
}

async function daily(database: Database): Promise<void> {
  await followUpOverdue(database);
  await catchUpDeliveries(database);
}

export const invoicingJobs: JobDefinition[] = [
  { name: DELIVER_JOB, handle: deliver, expireInSeconds: 15 * 60, workers: 2 },
  { name: "invoicing.daily", handle: daily, cron: "0 6 * * *", expireInSeconds: 60 * 60 },
];
