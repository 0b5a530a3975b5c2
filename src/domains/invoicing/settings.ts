/**
 * The invoicing settings (table `settings`, jsonb values), with their defaults:
 * - `invoicing.proRata` (boolean, default true): a member admitted during the year pays for the
 *   months left, the decision's month included;
 * - `invoicing.paymentDays` (integer, default 30): the due date is the issue date plus these days;
 * - `invoicing.reminderDays` (integers, default [7, 30]): a reminder goes out this many days after
 *   the due date, one per level.
 */
import { z } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { settings } from "~/domains/reference/schema";

export type InvoicingSettings = { proRata: boolean; paymentDays: number; reminderDays: number[] };

export const defaultInvoicingSettings: InvoicingSettings = { proRata: true, paymentDays: 30, reminderDays: [7, 30] };

const parsers = {
  "invoicing.proRata": z.boolean(),
  "invoicing.paymentDays": z.number().int().min(0).max(365),
  "invoicing.reminderDays": z.array(z.number().int().min(0).max(3650)).max(10),
} as const;

/** The settings; a missing or malformed value falls back to its default. */
export async function invoicingSettings(db: DbOrTx): Promise<InvoicingSettings> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, Object.keys(parsers)));
  const value = (key: keyof typeof parsers) => rows.find((r) => r.key === key)?.value;
  const proRata = parsers["invoicing.proRata"].safeParse(value("invoicing.proRata"));
  const paymentDays = parsers["invoicing.paymentDays"].safeParse(value("invoicing.paymentDays"));
  const reminderDays = parsers["invoicing.reminderDays"].safeParse(value("invoicing.reminderDays"));
  return {
    proRata: proRata.success ? proRata.data : defaultInvoicingSettings.proRata,
    paymentDays: paymentDays.success ? paymentDays.data : defaultInvoicingSettings.paymentDays,
    reminderDays: reminderDays.success
      ? [...reminderDays.data].sort((a, b) => a - b)
      : defaultInvoicingSettings.reminderDays,
  };
}
