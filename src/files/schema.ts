import { customType, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "~/db/columns";

/** bytea as a Node Buffer / Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * Files people upload or Ponte produces (signed application forms, presentation letters, invoice
 * PDFs), kept in the database so a backup of the database is a backup of everything and the
 * embedded and server databases behave the same. Sizes are limited where files arrive (10 MB).
 */
export const storedFiles = pgTable("stored_files", {
  id: id(),
  filename: text("filename").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  createdAt: createdAt(),
});
