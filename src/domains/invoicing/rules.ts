/**
 * Invoicing's pure rules: numbers, pro rata, the language of an invoice, the status that follows
 * the paid amount, dates. Nothing here reads the database.
 */
import type { Language } from "~/i18n/i18n";

export const invoiceStatuses = ["draft", "issued", "paid", "partially_paid", "overdue", "cancelled"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** `2027-0001`: the issue year and the sequence, at least four digits. */
export function formatNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, "0")}`;
}

/**
 * Pro rata (decision "invoicing"): the months left in the fee year, the month of the decision
 * included, over twelve, rounded half up to the cent. Admitted on 15 May: 8/12 of the fee. A
 * decision before the fee year pays the full year; one after it pays nothing (null: no invoice).
 */
export function proRata(fullCents: number, feeYear: number, from: string): { amountCents: number; months: number } {
  const year = Number(from.slice(0, 4));
  const month = Number(from.slice(5, 7));
  if (year < feeYear) return { amountCents: fullCents, months: 12 };
  if (year > feeYear) return { amountCents: 0, months: 0 };
  const months = 12 - month + 1;
  return { amountCents: Math.round((fullCents * months) / 12), months };
}

/** The invoice's language: the organisation's choice, else Italian in Italy, Swedish in Sweden, else English. */
export function invoiceLanguageFor(country: string, invoiceLanguage: string | null): Language {
  if (invoiceLanguage === "it" || invoiceLanguage === "sv" || invoiceLanguage === "en") return invoiceLanguage;
  if (country === "IT") return "it";
  if (country === "SE") return "sv";
  return "en";
}

/** YYYY-MM-DD plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the network's time zone (Italy), YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Rome",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/**
 * The status an invoice has for what was paid: everything → paid; some → partially paid; nothing →
 * overdue once past its due date, else issued. Cancelled and draft invoices keep their status.
 */
export function statusFor(
  invoice: { status: string; amountCents: number; dueDate: string | null },
  paidCents: number,
  on: string,
): InvoiceStatus {
  if (invoice.status === "cancelled" || invoice.status === "draft") return invoice.status;
  if (paidCents >= invoice.amountCents) return "paid";
  if (paidCents > 0) return "partially_paid";
  if (invoice.dueDate !== null && invoice.dueDate < on) return "overdue";
  return "issued";
}

/**
 * Which reminder levels are due (1-based), given the days after the due date of each level: all
 * levels whose day has come. The daily job sends the highest one not sent yet, and records the
 * lower ones as passed, so a member never gets two reminders on one day.
 */
export function dueReminderLevels(dueDate: string, reminderDays: readonly number[], on: string): number[] {
  const levels: number[] = [];
  reminderDays.forEach((days, i) => {
    if (addDays(dueDate, days) <= on) levels.push(i + 1);
  });
  return levels;
}

/** Finds an invoice number (YYYY-NNNN…) in a bank statement's free text. */
export function invoiceNumbersIn(text: string): string[] {
  return [...text.matchAll(/(?<!\d)(\d{4})[-/ ](\d{4,6})(?!\d)/g)].map((m) => `${m[1]}-${m[2]}`);
}

/** Parses an amount as banks write it: 1234.50, 1.234,50, 1 234,50, -12,00 → cents. */
export function parseAmountCents(value: string): number | null {
  let v = value
    .trim()
    .replace(/[\s\u00a0']/g, "")
    .replace(/^€|€$|EUR$/gi, "");
  if (v === "") return null;
  const lastComma = v.lastIndexOf(",");
  const lastDot = v.lastIndexOf(".");
  if (lastComma > lastDot) v = v.replace(/\./g, "").replace(",", ".");
  else v = v.replace(/,/g, "");
  if (!/^-?\d+(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

/** Parses a bank date: YYYY-MM-DD, DD/MM/YYYY, DD.MM.YYYY. */
export function parseBankDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})[/.](\d{2})[/.](\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return null;
}
