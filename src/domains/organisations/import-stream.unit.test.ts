import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { errorResponse } from "~/http/errors";
import { type ImportPhase, ImportStreamLine, ndjsonResponse, progressThrottle } from "./import-stream";
import { ndjsonLines, parseLine } from "./ui/import-progress";

describe("progress throttle", () => {
  /** The calls that become lines, with the clock advanced by `stepMs` before each call. */
  function sent(calls: [number, number, ImportPhase][], stepMs: number): [number, number, ImportPhase][] {
    let clock = 1_000_000;
    const due = progressThrottle(100, () => clock);
    return calls.filter(([done, total, phase]) => {
      clock += stepMs;
      return due(done, total, phase);
    });
  }

  const checkThenWrite = (total: number, every: number): [number, number, ImportPhase][] => {
    const calls: [number, number, ImportPhase][] = [];
    for (let done = every; done < total; done += every) calls.push([done, total, "check"]);
    calls.push([total, total, "check"], [total, total, "check"]);
    for (let done = every; done < total; done += every) calls.push([done, total, "write"]);
    calls.push([total, total, "write"]);
    return calls;
  };

  it("sends the first and the last of each phase, however fast the calls come", () => {
    expect(sent(checkThenWrite(3000, 1000), 0)).toEqual([
      [1000, 3000, "check"],
      [3000, 3000, "check"],
      [1000, 3000, "write"],
      [3000, 3000, "write"],
    ]);
  });

  it("sends at most one line per 100 ms and per percent in between", () => {
    // 100,000 rows reported every 100 rows (a tenth of a percent), 30 ms apart.
    const lines = sent(checkThenWrite(100_000, 100), 30);
    const check = lines.filter(([, , phase]) => phase === "check");
    expect(check.length).toBeGreaterThan(20);
    expect(check.length).toBeLessThanOrEqual(101);
    const dones = check.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(new Set(dones.map((d) => Math.floor(d / 1000))).size).toBe(dones.length);
    expect(dones.at(-1)).toBe(100_000);
  });
});

describe("the NDJSON stream", () => {
  const app = new Hono<AppEnv>();
  app.post("/ok", (c) =>
    ndjsonResponse(c, async (send) => {
      send({ type: "progress", phase: "check", done: 1, total: 2 });
      send({ type: "progress", phase: "check", done: 2, total: 2 });
      send({
        type: "report",
        status: 200,
        report: { dryRun: true, applied: false, rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] },
      });
    }),
  );
  app.post("/stale", (c) =>
    ndjsonResponse(c, async (send) => {
      send({ type: "progress", phase: "write", done: 5000, total: 9000 });
      throw new AppError("precondition_failed");
    }),
  );
  app.post("/json-error", (c) => errorResponse(c, new AppError("precondition_failed")));

  async function linesOf(res: Response): Promise<unknown[]> {
    const body = res.body;
    if (!body) throw new Error("no body");
    const lines: unknown[] = [];
    for await (const line of ndjsonLines(body)) lines.push(ImportStreamLine.parse(JSON.parse(line)));
    return lines;
  }

  it("answers 200 with one line per object, the report last", async () => {
    const res = await app.request("/ok", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = await linesOf(res);
    expect(lines.map((l) => (l as { type: string }).type)).toEqual(["progress", "progress", "report"]);
  });

  it("ends with the same error the JSON answer gives, when one happens after the stream began", async () => {
    const lines = await linesOf(await app.request("/stale", { method: "POST" }));
    const json = await app.request("/json-error", { method: "POST" });
    expect(lines.at(-1)).toEqual({ type: "error", status: json.status, ...(await json.json()) });
    expect(lines.at(-1)).toMatchObject({ status: 412, error: { code: "precondition_failed" } });
  });

  it("is read line by line however the bytes are cut", async () => {
    const text =
      '{"type":"progress","phase":"check","done":1,"total":2}\n{"type":"report","status":200,"report":{"name":"Forlì"}}\n';
    const bytes = new TextEncoder().encode(text);
    // Cut inside a line and between the two bytes of "ì" (every character before it is one byte).
    const cut = text.indexOf("ì") + 1;
    const pieces = [bytes.slice(0, 20), bytes.slice(20, cut), bytes.slice(cut)];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    const lines: string[] = [];
    for await (const line of ndjsonLines(body)) lines.push(line);
    expect(lines.map((l) => parseLine(l)?.type)).toEqual(["progress", "report"]);
    expect(lines[1]).toContain("Forlì");
    expect(parseLine("not json")).toBeNull();
    expect(parseLine('{"type":"progress"}')).toBeNull();
  });
});
