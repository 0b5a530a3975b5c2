import type { Context } from "hono";
import type { AppEnv } from "./context";

/** A file the browser saves under its name (`Content-Disposition: attachment`). */
export function download(
  c: Context<AppEnv>,
  file: { body: string | Uint8Array; contentType: string; filename: string },
): Response {
  return c.body(file.body as string | Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename="${file.filename}"`,
  });
}
