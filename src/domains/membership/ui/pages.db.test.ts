/**
 * The membership pages as the server runs them: loaders and actions called with a real request
 * and a real database (rendering is covered by the browser journey).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/actor";
import { loadFeesDemo } from "~/domains/fees/demo";
import { actorAs } from "~/domains/organisations/testing";
import type { RequestContext } from "~/http/context";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { markReady, submitApplication } from "../service";
import { applicationFields, fakePdf, realPdf } from "../testing";
import * as apply from "./apply";
import * as reviewDetail from "./review-detail";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  await loadFeesDemo(database.db);
});
afterAll(async () => {
  await database?.close();
});

function context(actor: Actor, language: Language = "en"): RequestContext {
  return {
    database,
    actor,
    language,
    t: translator(language),
    csrfToken: "test",
    secure: false,
    clientAddress: "test",
  };
}

function args<P extends Record<string, string>>(
  path: string,
  actor: Actor,
  form: FormData,
  params: P,
  language: Language = "en",
) {
  const url = new URL(path, "http://localhost");
  return {
    request: new Request(url, { method: "POST", body: form }),
    url,
    pattern: url.pathname,
    params,
    context: context(actor, language),
  };
}

function formOf(
  values: Record<string, unknown>,
  files: Record<string, { filename: string; content: Uint8Array }> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const value of [v].flat()) form.append(k, String(value));
  }
  for (const [k, f] of Object.entries(files))
    form.append(k, new File([Buffer.from(f.content)], f.filename, { type: "application/pdf" }));
  return form;
}

function answer(result: unknown): { status: number; location: string | null; data: unknown } {
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), data: null };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const r = result as { data: unknown; init?: ResponseInit | null };
    return { status: r.init?.status ?? 200, location: null, data: r.data };
  }
  return { status: 200, location: null, data: result };
}

describe("the application page", () => {
  it("sends the applicant to their private page, or names each problem in their language", async () => {
    const ok = answer(
      await apply.action(
        args(
          "/join/apply",
          { kind: "anonymous" },
          formOf(applicationFields({ language: "sv" }), { signedForm: await realPdf() }),
          {},
          "sv",
        ),
      ),
    );
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/join\/applications\/[A-Za-z0-9_-]+\?notice=submitted$/);
    const bad = answer(
      await apply.action(
        args(
          "/join/apply",
          { kind: "anonymous" },
          formOf(applicationFields({ language: "sv", legalEmail: "" }), { signedForm: fakePdf() }),
          {},
          "sv",
        ),
      ),
    );
    expect(bad.status).toBe(422);
    const problem = (bad.data as { problem: { fields: Record<string, string> }; values: Record<string, string> })
      .problem;
    expect(problem.fields.legalEmail).toBe(translator("sv")("errors:field.required"));
    expect(problem.fields.signedForm).toContain("filen är ingen PDF");
  });
});

describe("the review page", () => {
  it("records the Board's approval from the form", async () => {
    const created = await submitApplication(
      database.db,
      {
        fields: applicationFields({ inhabitants: "2724", officialCode: "039005", nuts3: "ITH57" }),
        signedForm: await realPdf(),
      },
      { baseUrl: "http://localhost" },
    );
    const ready = await markReady(database.db, actorAs("secretariat"), created.id);
    const result = answer(
      await reviewDetail.action(
        args(
          `/membership/applications/${created.id}`,
          actorAs("secretariat"),
          formOf({ intent: "decide", decision: "approve", decidedOn: ready.meeting?.date ?? "", reason: "" }),
          { id: created.id },
        ),
      ),
    );
    expect(result.data).toBeNull();
    expect(result.location).toMatch(/notice=approved&invoice=[0-9a-f-]{36}$/);
    // The page names the first invoice and links to it.
    const location = new URL(result.location ?? "", "http://localhost");
    const shown = (await reviewDetail.loader({
      ...args(`${location.pathname}${location.search}`, actorAs("secretariat"), new FormData(), { id: created.id }),
      request: new Request(location),
    } as never)) as { invoice: { id: string; number: string } | null };
    expect(shown.invoice?.id).toBe(location.searchParams.get("invoice"));
    expect(shown.invoice?.number).toMatch(/^\d{4}-\d{4}$/);
  });
});
