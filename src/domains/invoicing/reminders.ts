/**
 * The daily follow-up: invoices past their due date with nothing paid become `overdue`; overdue and
 * partially paid ones get reminders `invoicing.reminderDays` days after the due date (one per level,
 * recorded in invoice_reminders, never sent twice). Safe to run several times a day.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "~/db/client";
import { sendReminder } from "./delivery";
import { addDays, dueReminderLevels, today } from "./rules";
import { invoices } from "./schema";
import { invoicingSettings } from "./settings";

export async function followUpOverdue(
  database: Database,
  on: string = today(),
): Promise<{ overdue: number; reminders: number }> {
  const db = database.db;
  const marked = await db
    .update(invoices)
    .set({ status: "overdue", version: sql`${invoices.version} + 1`, updatedAt: new Date() })
    .where(and(eq(invoices.kind, "invoice"), eq(invoices.status, "issued"), lt(invoices.dueDate, on)))
    .returning({ id: invoices.id });
  const { reminderDays } = await invoicingSettings(db);
  let reminders = 0;
  const first = reminderDays[0];
  if (first === undefined) return { overdue: marked.length, reminders };
  // Only invoices whose first reminder day has come, and not every level sent yet.
  const latestDue = addDays(on, -first);
  const rows = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.kind, "invoice"),
        inArray(invoices.status, ["overdue", "partially_paid"]),
        sql`${invoices.dueDate} <= ${latestDue}`,
        sql`(select count(*) from invoice_reminders r where r.invoice_id = ${invoices.id} and r.level > 0) < ${reminderDays.length}`,
      ),
    );
  for (const row of rows) {
    if (!row.dueDate) continue;
    const levels = dueReminderLevels(row.dueDate, reminderDays, on);
    const highest = levels.at(-1);
    if (highest === undefined) continue;
    const sent = await db.transaction((tx) => sendReminder(tx, row, highest, levels.slice(0, -1)));
    if (sent) reminders += 1;
  }
  return { overdue: marked.length, reminders };
}
