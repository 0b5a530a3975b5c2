import type { TFunction } from "i18next";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { checkA11y, openPage, visit } from "./support/browser";
import { formWith, submit } from "./support/forms";
import { JOURNEY, pageT, signIn, useHarness } from "./support/journey";
import type { Ponte } from "./support/server";

const harness = useHarness();

type Figures = { submitted: number; approved: number; rejected: number; participants: number };

/** The network's figures as the public API gives them. */
async function figures(ponte: Ponte): Promise<Figures> {
  const res = await fetch(`${ponte.url}/api/v1/stats/projects`);
  expect(res.status).toBe(200);
  return (await res.json()) as Figures;
}

/** The secretariat moves the project (no JavaScript: the form posts and the page comes back). */
async function move(page: Page, t: TFunction, phase: string, fundingStatus = "", reason = "") {
  // From the page without a notice, so a refused move cannot pass for the previous one.
  await visit(page, new URL(page.url()).pathname);
  const form = formWith(page, "move");
  await form.getByLabel(t("projects:ui.detail.targetPhase"), { exact: true }).selectOption(phase);
  await form.getByLabel(t("projects:fields.fundingStatus"), { exact: true }).selectOption(fundingStatus);
  await form.getByLabel(t("projects:fields.reason"), { exact: true }).fill(reason);
  await submit(page, () => form.getByRole("button", { name: t("projects:ui.detail.moveSubmit") }).click(), "moved");
}

/**
 * The Project Cycle Management journey: a member starts an idea in Italian, the secretariat takes
 * it through formulation, financing (submitted, then approved), implementation and evaluation to
 * closure; a skip without a reason is refused on the reason field; the history records every
 * move, and the network's public figures count the submission and its approval.
 */
describe("a project from the idea to its closure", () => {
  test("a member's idea goes through every PCM phase; the figures follow", JOURNEY, async () => {
    const { browser, ponte } = harness();
    const before = await figures(ponte);

    // Parma's contact starts the idea, in Italian.
    const member = await openPage(browser, ponte, { locale: "it-IT" });
    await signIn(member, ponte.login("member_contact"));
    const it = await pageT(member);
    await member
      .getByRole("navigation", { name: it("common:nav.main") })
      .getByRole("link", { name: it("projects:title") })
      .click();
    await member.waitForURL("**/projects");
    await checkA11y(member);
    await member.getByRole("link", { name: it("projects:ui.board.new") }).click();
    await member.waitForURL("**/projects/new");
    await checkA11y(member);
    const create = member.locator("form").filter({ has: member.locator('input[name="acronym"]') });
    await create.getByLabel(it("projects:fields.acronym"), { exact: true }).fill("PORTIVERDI");
    await create.locator('input[name="title.it"]').fill("Porti verdi: la logistica a basse emissioni nei comuni");
    await create.locator('input[name="priorities"][value="climate_action"]').check();
    await create.getByLabel(it("projects:fields.programmeCode"), { exact: true }).selectOption("erasmus_plus");
    await create.getByLabel(it("projects:fields.participantsPlanned"), { exact: true }).fill("240");
    // (With JavaScript the form posts without reloading the page: wait for the project's address.)
    await Promise.all([
      member.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 }),
      create.getByRole("button", { name: it("projects:ui.new.submit") }).click(),
    ]);
    expect(new URL(member.url()).searchParams.get("notice")).toBe("created");
    await checkA11y(member);
    const projectPath = new URL(member.url()).pathname;
    expect(await member.getByRole("main").textContent()).toContain(it("projects:phases.identification"));

    // The secretariat takes it on, in English, without JavaScript.
    const secretariat = await openPage(browser, ponte, { javaScriptEnabled: false });
    await signIn(secretariat, ponte.login("secretariat"));
    const en = await pageT(secretariat);
    await visit(secretariat, projectPath);
    await checkA11y(secretariat);
    await move(secretariat, en, "formulation");

    // Skipping financing needs a reason: the form says so on the reason field and nothing moves.
    const form = formWith(secretariat, "move");
    await form.getByLabel(en("projects:ui.detail.targetPhase"), { exact: true }).selectOption("implementation");
    await Promise.all([
      secretariat.waitForEvent("load"),
      form.getByRole("button", { name: en("projects:ui.detail.moveSubmit") }).click(),
    ]);
    await checkA11y(secretariat);
    const reasonError = secretariat.locator("#field-reason-error");
    expect(await reasonError.count()).toBe(1);
    expect((await reasonError.textContent())?.trim()).not.toBe("");
    await visit(secretariat, projectPath);
    expect(await secretariat.getByRole("main").textContent()).toContain(en("projects:phases.formulation"));

    // Financing: submitted, then approved; then implementation, evaluation and closure.
    await move(secretariat, en, "financing", "submitted");
    await move(secretariat, en, "financing", "approved");
    for (const phase of ["implementation", "evaluation", "closure"]) await move(secretariat, en, phase);
    await checkA11y(secretariat);

    // The history: created, then six moves, each with who made it.
    const history = secretariat
      .getByRole("table")
      .filter({ has: secretariat.getByText(en("projects:ui.detail.historyCaption", { acronym: "PORTIVERDI" })) });
    const rows = history.locator("tbody tr");
    expect(await rows.allTextContents()).toHaveLength(7);
    expect(await history.textContent()).toContain("Giulia Ferrari");

    // The member sees it closed, in Italian; the public figures count one more submission, approved.
    await visit(member, projectPath);
    expect(await member.getByRole("main").textContent()).toContain(it("projects:phases.closure"));
    const after = await figures(ponte);
    expect(after.submitted).toBe(before.submitted + 1);
    expect(after.approved).toBe(before.approved + 1);
    expect(after.rejected).toBe(before.rejected);
  });
});
