import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id } from "~/db/columns";

/** Every mail Ponte sends: the outbox without SMTP, and the send log with it. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    language: text("language").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    status: text("status").notNull(), // outbox | sent | failed
    error: text("error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("mail_messages_created").on(t.createdAt)],
);
