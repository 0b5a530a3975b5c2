import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { storedFiles } from "./schema";

/** The largest file anyone may upload (signed forms, letters). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type StoredFileInfo = { id: string; filename: string; contentType: string; size: number; sha256: string };
export type StoredFile = StoredFileInfo & { content: Uint8Array };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps a file in the database (in the caller's transaction). Returns its id and checksum. */
export async function storeFile(
  db: DbOrTx,
  file: { filename: string; contentType: string; content: Uint8Array },
): Promise<StoredFileInfo> {
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  const filename = file.filename.replace(/[\\/\r\n"]+/g, "_").slice(0, 200) || "file";
  const [row] = await db
    .insert(storedFiles)
    .values({ filename, contentType: file.contentType, size: file.content.byteLength, sha256, content: file.content })
    .returning({ id: storedFiles.id });
  if (!row) throw new AppError("internal");
  return { id: row.id, filename, contentType: file.contentType, size: file.content.byteLength, sha256 };
}

/** A stored file with its content, or not found. */
export async function readFile(db: DbOrTx, id: string): Promise<StoredFile> {
  if (!UUID.test(id)) throw new AppError("not_found");
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id)).limit(1);
  if (!row) throw new AppError("not_found");
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    content: new Uint8Array(row.content),
  };
}

/** A file's description without its content (for lists of documents). */
export async function fileInfo(db: DbOrTx, id: string): Promise<StoredFileInfo | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({
      id: storedFiles.id,
      filename: storedFiles.filename,
      contentType: storedFiles.contentType,
      size: storedFiles.size,
      sha256: storedFiles.sha256,
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, id))
    .limit(1);
  return row ?? null;
}

/** A download answer for a stored file (attachment, its own content type, no sniffing). */
export function fileResponse(file: StoredFile, disposition: "attachment" | "inline" = "attachment"): Response {
  return new Response(Buffer.from(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `${disposition}; filename="${file.filename.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
