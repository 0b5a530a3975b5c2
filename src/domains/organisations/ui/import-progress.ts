/**
 * The import page's progress, in the browser: the page's client action sends the CSV to
 * `POST /api/v1/organisations/import` asking for the NDJSON stream (./import-stream), and each
 * progress line is published to a tiny store the page reads with `useImportProgress()`.
 */
import { useSyncExternalStore } from "react";
import type { ErrorBody } from "~/http/errors";
import type { ImportReport } from "../contract";
import type { ImportPhase, ImportStreamLine } from "../import-stream";

const NDJSON = "application/x-ndjson";

export type ImportProgress = { phase: ImportPhase; done: number; total: number };

let current: ImportProgress | null = null;
const listeners = new Set<() => void>();

function publish(next: ImportProgress | null): void {
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the last import's progress (a new one starts). */
export function resetImportProgress(): void {
  publish(null);
}

/** The running import's latest progress, or null before the first line (and on the server). */
export function useImportProgress(): ImportProgress | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

/** How the API answered: the report or the error (with the status the JSON answer has), or no answer. */
export type ImportAnswer =
  | { type: "report"; status: number; report: ImportReport }
  | { type: "error"; status: number; error: ErrorBody["error"] }
  | { type: "lost" };

/** The lines of an NDJSON body as they arrive (a line may come in pieces). */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // `stream: true` keeps a character split between two pieces for the next one.
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n");
    while (end >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line !== "") yield line;
      end = buffer.indexOf("\n");
    }
  }
  buffer += decoder.decode();
  if (buffer.trim() !== "") yield buffer.trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A line of the stream, or null for anything that is not one (the server wrote it; this only guards). */
export function parseLine(text: string): ImportStreamLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (value.type === "progress")
    return typeof value.done === "number" && typeof value.total === "number" && value.phase !== undefined
      ? (value as ImportStreamLine)
      : null;
  if (value.type === "report") return isObject(value.report) ? (value as ImportStreamLine) : null;
  if (value.type === "error") return isObject(value.error) ? (value as ImportStreamLine) : null;
  return null;
}

/**
 * Sends the CSV to the import API with the page's session (cookie) and CSRF token, publishing
 * progress as it comes. Errors found before the import starts (401, 403, 413, 415) come back as
 * the API's JSON error; a connection that breaks before the last line is `lost`.
 */
export async function importThroughApi(
  csv: Blob | string,
  options: { dryRun: boolean; csrfToken: string },
): Promise<ImportAnswer> {
  resetImportProgress();
  try {
    const response = await fetch(`/api/v1/organisations/import?dryRun=${options.dryRun}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv", Accept: NDJSON, "X-CSRF-Token": options.csrfToken },
      body: csv,
    });
    const type = response.headers.get("content-type") ?? "";
    if (type.startsWith(NDJSON) && response.body) {
      for await (const text of ndjsonLines(response.body)) {
        const line = parseLine(text);
        if (line?.type === "progress") publish({ phase: line.phase, done: line.done, total: line.total });
        else if (line) return line;
      }
      return { type: "lost" };
    }
    if (type.startsWith("application/json")) {
      const body: unknown = await response.json();
      if (isObject(body) && isObject(body.error)) {
        return { type: "error", status: response.status, error: body.error as ErrorBody["error"] };
      }
      return { type: "report", status: response.status, report: body as ImportReport };
    }
    return { type: "lost" };
  } catch {
    return { type: "lost" };
  }
}
