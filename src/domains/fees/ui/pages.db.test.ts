import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous, system } from "~/auth/actor";
import type { RequestContext } from "~/http/context";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { loadFeesDemo } from "../demo";
import { getSchedule } from "../service";
import { loader as calculatorLoader } from "./calculator";
import { action as scheduleAction } from "./schedule";
import { scheduleValues } from "./schedule-form";
import { action as schedulesAction } from "./schedules";

/**
 * The fee pages' loaders and actions, called as React Router calls them for a request without
 * JavaScript (the browser journeys are elsewhere).
 */
let database: TestDatabase;
const year = new Date().getFullYear();

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
    clientAddress: "127.0.0.1",
  };
}

type Args<F> = F extends (args: infer A) => unknown ? A : never;
const args = <F>(request: Request, ctx: RequestContext, params: Record<string, string> = {}) =>
  ({ request, context: ctx, params }) as unknown as Args<F>;

/** What an action answered: a redirect's target, or its data and status. */
async function outcome(result: unknown): Promise<{ status: number; location?: string | null; data?: unknown }> {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
  const r = result as { data: unknown; init?: { status?: number } | null };
  return { status: r.init?.status ?? 200, data: r.data };
}

function formOf(entries: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) form.append(k, one);
  return form;
}

const postTo = (path: string, form: FormData) => new Request(`http://test${path}`, { method: "POST", body: form });

describe("the public fee calculator (/join/fees)", () => {
  it("shows the fee, the rule and band that produced it, and that the schedule is an example", async () => {
    const request = new Request("http://test/join/fees?country=SE&type=municipality&inhabitants=20001");
    const data = await calculatorLoader(args<typeof calculatorLoader>(request, context(anonymous, "sv")));
    expect(data.problem).toBeNull();
    expect(data.result).toMatchObject({
      year,
      example: true,
      label: "Kommuner",
      detail: "Kommun, 20\u00a0001–50\u00a0000 invånare",
    });
    expect(data.result?.amount).toMatch(/^1\s500\s€$/);
  });

  it("names the field a visitor must fill in, in their language", async () => {
    const request = new Request("http://test/join/fees?country=IT&type=education&inhabitants=4000");
    const data = await calculatorLoader(args<typeof calculatorLoader>(request, context(anonymous, "it")));
    expect(data.result).toBeNull();
    expect(data.problem?.fields).toEqual({
      employees: "La quota di questa organizzazione dipende dai dipendenti o dal bilancio annuale.",
      budget: "La quota di questa organizzazione dipende dai dipendenti o dal bilancio annuale.",
    });
  });

  it("asks nothing before the form is sent", async () => {
    const data = await calculatorLoader(
      args<typeof calculatorLoader>(new Request("http://test/join/fees"), context(anonymous)),
    );
    expect(data).toMatchObject({ result: null, problem: null });
    expect(data.options.countries[0]?.member).toBe(true);
  });
});

describe("editing a schedule (/fees/:year)", () => {
  it("saves the table's rows and shows problems beside the row they belong to", async () => {
    const before = await getSchedule(database.db, year);
    const values = scheduleValues(before);
    const entries: Record<string, string | string[]> = { version: String(before.version), example: "on" };
    values.rules.forEach((r, i) => {
      const p = `rules.${i}`;
      entries[`${p}.code`] = r.code;
      entries[`${p}.label.en`] = r.label.en;
      entries[`${p}.label.sv`] = r.label.sv;
      entries[`${p}.label.it`] = r.label.it;
      entries[`${p}.types`] = r.types;
      entries[`${p}.countries`] = r.countries;
      entries[`${p}.basis`] = r.basis;
      entries[`${p}.min`] = r.min;
      entries[`${p}.max`] = r.max;
      r.bands.forEach((b, j) => {
        entries[`${p}.bands.${j}.upTo`] = b.upTo;
        entries[`${p}.bands.${j}.amount`] = b.amount;
      });
      r.budgetBands.forEach((b, j) => {
        entries[`${p}.budgetBands.${j}.upTo`] = b.upTo;
        entries[`${p}.budgetBands.${j}.amount`] = b.amount;
      });
    });
    const secretariat = context(system("test"));

    // The first band of the municipalities now reaches beyond the second.
    const bad = { ...entries, "rules.0.bands.0.upTo": "30000" };
    const refused = await outcome(
      await scheduleAction(
        args<typeof scheduleAction>(postTo(`/fees/${year}`, formOf(bad)), secretariat, { year: String(year) }),
      ),
    );
    expect(refused.status).toBe(422);
    expect((refused.data as { problem: { fields: Record<string, string> } }).problem.fields).toEqual({
      "rules.0.bands.1.upTo": "Each band's upper bound must be above the previous one (30000).",
    });

    // The second band of the municipalities gets a new amount, typed the Italian way.
    const good = { ...entries, "rules.0.bands.1.amount": "800,00" };
    const saved = await outcome(
      await scheduleAction(
        args<typeof scheduleAction>(postTo(`/fees/${year}`, formOf(good)), secretariat, { year: String(year) }),
      ),
    );
    expect(saved).toMatchObject({ status: 302, location: `/fees/${year}?notice=saved` });
    const after = await getSchedule(database.db, year);
    expect(after.version).toBe(before.version + 1);
    expect(after.rules[0]?.bands[1]?.amountCents).toBe(80_000);

    // The same form again, with the version it was loaded with: someone else saved in between.
    const stale = await outcome(
      await scheduleAction(
        args<typeof scheduleAction>(postTo(`/fees/${year}`, formOf(good)), secretariat, { year: String(year) }),
      ),
    );
    expect(stale.status).toBe(412);
  });

  it("adds a year as a copy of another; a year that exists is named", async () => {
    const ctx = context(system("test"));
    const added = await outcome(
      await schedulesAction(
        args<typeof schedulesAction>(postTo("/fees", formOf({ year: "2044", copyFrom: String(year) })), ctx),
      ),
    );
    expect(added).toMatchObject({ status: 302, location: "/fees/2044?notice=created" });
    expect((await getSchedule(database.db, 2044)).rules).toHaveLength(4);
    const again = await outcome(
      await schedulesAction(args<typeof schedulesAction>(postTo("/fees", formOf({ year: "2044", copyFrom: "" })), ctx)),
    );
    expect((again.data as { problem: { fields: Record<string, string> } }).problem.fields).toEqual({
      year: "The schedule for 2044 already exists.",
    });
  });
});
