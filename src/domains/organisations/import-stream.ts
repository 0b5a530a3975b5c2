/**
 * The import's progress as a stream: `POST /api/v1/organisations/import` with
 * `Accept: application/x-ndjson` answers one JSON object per line — progress lines while rows are
 * checked and written, then exactly one last line with the report (or the error). The import
 * itself is the same call as for the JSON answer; this module only carries its `onProgress`.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "~/http/context";
import { type ErrorBody, errorResponse } from "~/http/errors";
import { ErrorSchema } from "~/http/openapi";
import { ImportReport } from "./contract";

export const NDJSON = "application/x-ndjson";

export const importPhases = ["check", "write"] as const;
export type ImportPhase = (typeof importPhases)[number];

const ProgressLine = z
  .object({
    type: z.literal("progress"),
    phase: z.enum(importPhases).openapi({ description: "`check`: rows are validated and matched; `write`: saved" }),
    done: z.number().int().openapi({ description: "Rows done in this phase; never decreases" }),
    total: z.number().int().openapi({ description: "Rows in the file (blank lines left out)" }),
  })
  .openapi("ImportProgressLine");

const ReportLine = z
  .object({
    type: z.literal("report"),
    status: z
      .union([z.literal(200), z.literal(422)])
      .openapi({ description: "The status the JSON answer would have: 422 when a real import found problems" }),
    report: ImportReport,
  })
  .openapi("ImportReportLine");

const ErrorLine = z
  .object({
    type: z.literal("error"),
    status: z.number().int().openapi({ description: "The status the JSON answer would have", example: 412 }),
    error: ErrorSchema.shape.error,
  })
  .openapi("ImportErrorLine");

/** One line of the stream. The last line is a `report` or an `error`; every line before it is `progress`. */
export const ImportStreamLine = z
  .discriminatedUnion("type", [ProgressLine, ReportLine, ErrorLine])
  .openapi("ImportStreamLine");
export type ImportStreamLine = z.infer<typeof ImportStreamLine>;

/**
 * Which progress calls become lines: the first and the last of each phase and, in between, at
 * most one per `intervalMs` and per percent. A call that repeats the count already sent (the
 * check ends by reporting its total once more) is dropped.
 */
export function progressThrottle(
  intervalMs = 100,
  now: () => number = Date.now,
): (done: number, total: number, phase: ImportPhase) => boolean {
  let phase: ImportPhase | null = null;
  let sentDone = 0;
  let sentAt = 0;
  const percent = (done: number, total: number) => (total > 0 ? Math.floor((done * 100) / total) : 100);
  return (done, total, nextPhase) => {
    const first = nextPhase !== phase;
    if (!first && done <= sentDone) return false;
    const last = done >= total;
    const due = now() - sentAt >= intervalMs && percent(done, total) > percent(sentDone, total);
    if (!first && !last && !due) return false;
    phase = nextPhase;
    sentDone = done;
    sentAt = now();
    return true;
  };
}

/**
 * Answers 200 with an NDJSON body at once and runs `work` while it streams: `work` sends lines
 * (never blocking: they are queued until the client reads them). An error thrown by `work`
 * becomes a last `error` line, through the same mapping (and logging) as the API's JSON errors.
 * A client that goes away does not stop the work: like the JSON answer, it runs to its end.
 */
export function ndjsonResponse(
  c: Context<AppEnv>,
  work: (send: (line: ImportStreamLine) => void) => Promise<void>,
): Response {
  const encoder = new TextEncoder();
  let open = true;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start: (ctrl) => {
      controller = ctrl;
    },
    cancel: () => {
      open = false;
    },
  });
  const send = (line: ImportStreamLine) => {
    if (open) controller?.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
  };
  void (async () => {
    try {
      await work(send);
    } catch (e) {
      const answer = errorResponse(c, e);
      const { error } = (await answer.json()) as ErrorBody;
      send({ type: "error", status: answer.status, error });
    } finally {
      if (open) controller?.close();
      open = false;
    }
  })();
  return c.body(body, 200, {
    "Content-Type": `${NDJSON}; charset=utf-8`,
    "Cache-Control": "no-store",
    // Proxies such as nginx would otherwise hold the lines back until the answer is complete.
    "X-Accel-Buffering": "no",
  });
}
