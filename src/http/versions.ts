/**
 * Optimistic concurrency over HTTP, one way for every resource with a `version`: the ETag is
 * `"v3"`; a change names the version it was made on in `If-Match` (`"v3"`, `W/"v3"`, or `*` for
 * any). A stale version is the service's 412; a malformed one 412 here; a required one missing 428.
 */
import type { Context } from "hono";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "./context";

export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** Reads the version from an If-Match value (`"v3"`, `W/"v3"`); `*` matches any version. */
export function versionFromIfMatch(header: string): number | "any" | "invalid" {
  const value = header.trim();
  if (value === "*") return "any";
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(value);
  return match?.[1] ? Number(match[1]) : "invalid";
}

/** The version an optional If-Match header names: a number, undefined for none or `*`. */
export function optionalVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const version = versionFromIfMatch(header);
  if (version === "invalid") throw new AppError("precondition_failed");
  return version === "any" ? undefined : version;
}

/** The version a required If-Match header names (428 without one). */
export function requiredVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") throw new AppError("precondition_required");
  return optionalVersion(header);
}

/** Sets the record's ETag on the response and returns the record. */
export function withEtag<T extends { version: number }>(c: Context<AppEnv>, record: T): T {
  c.header("ETag", etagOf(record.version));
  return record;
}
