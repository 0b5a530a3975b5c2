import type { Upload } from "./contract";

/** Fields that may be given several times (checkboxes): always a list. */
const LIST_FIELDS = new Set(["priorities"]);
const FILE_FIELDS = new Set(["letterFile", "signedForm"]);
const IGNORED = new Set(["_csrf", "intent"]);

async function toUpload(value: FormDataEntryValue | null): Promise<Upload | null> {
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { filename: value.name, contentType: value.type, content: new Uint8Array(await value.arrayBuffer()) };
}

/**
 * An application as a form or a multipart API call sends it: the text fields (lists for
 * checkboxes, empty acceptances absent) and the two PDF uploads.
 */
export async function readApplicationForm(
  form: FormData,
): Promise<{ fields: Record<string, unknown>; letterFile: Upload | null; signedForm: Upload | null }> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (FILE_FIELDS.has(key) || IGNORED.has(key) || typeof value !== "string") continue;
    if (LIST_FIELDS.has(key)) {
      const list = (fields[key] as string[] | undefined) ?? [];
      list.push(
        ...value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      );
      fields[key] = list;
    } else {
      fields[key] = value;
    }
  }
  return {
    fields,
    letterFile: await toUpload(form.get("letterFile")),
    signedForm: await toUpload(form.get("signedForm")),
  };
}

/** The submitted text values, to show the form again after a problem. */
export function submittedValues(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : "";
  }
  return out;
}
