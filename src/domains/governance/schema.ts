import { date, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "~/db/columns";
import { governanceBodies } from "~/domains/reference/schema";

/**
 * Meetings of the governance bodies. For now the Board's meetings, planned per year (by default in
 * the months of the `board.meetingMonths` setting), to which membership applications go.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    bodyCode: text("body_code")
      .notNull()
      .references(() => governanceBodies.code),
    date: date("date").notNull(),
    /** `planned`, `held` or `cancelled`. */
    status: text("status").notNull().default("planned"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("meetings_body_date").on(t.bodyCode, t.date), index("meetings_date").on(t.date)],
);
