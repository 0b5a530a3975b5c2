import { boolean, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "~/db/columns";

/**
 * One fee schedule per year, edited by the secretariat as a whole: its rules (by organisation type
 * and inhabitant bands, or by employees and annual budget; amounts in cents with minimum and
 * maximum) are a JSON document validated by the contract (./contract.ts, FeeRules).
 */
export const feeSchedules = pgTable("fee_schedules", {
  year: integer("year").primaryKey(),
  currency: text("currency").notNull().default("EUR"),
  /** The demo schedule is an example, and says so wherever it is shown. */
  example: boolean("example").notNull().default(false),
  rules: jsonb("rules").notNull(),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
