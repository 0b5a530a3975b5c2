import type { TFunction } from "i18next";
import { PDFDocument } from "pdf-lib";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { applicationFields, realPdf } from "~/domains/membership/testing";
import { checkA11y, openPage, visit } from "./support/browser";
import { enterBallot, formWith, submit } from "./support/forms";
import { pageT, signIn, useHarness } from "./support/journey";
import type { Ponte } from "./support/server";

const harness = useHarness();

/**
 * A governance year in Ponte, with the demo data set, the secretariat working in Italian without
 * JavaScript and the Chair in Swedish:
 * - three membership applications, each marked ready for the Board, go by themselves onto the
 *   agenda of the Board's next planned meeting (February, May, November); the Board meets (the
 *   invited are the Board's members on that day; the roll call reaches the quorum), approves the
 *   application, the meeting is held and its minutes are generated;
 * - the minutes of each meeting are approved at the next one; the last ones by the Chair, as a PDF;
 * - the General Assembly that follows elects two Board members by secret ballot, and the
 *   secretariat gives them their seats for the next term; they are invited to the Board's first
 *   meeting of that term.
 */
const APPLICANTS = ["Comune di Brisighella", "Comune di Bagnacavallo", "Comune di Fusignano"];
const CANDIDATES = [
  { name: "Chiara Montanari", organisation: "Comune di Parma" },
  { name: "Johan Ekström", organisation: "Västerås stad" },
] as const;
/** The demo Board's term ends on 2028-04-15 (24 months from the Assembly of 2026-04-16). */
const NEXT_TERM = "2028-04-16";

/** Applies through the public API, as the form does: with the CSRF cookie echoed as a header. */
async function apply(ponte: Ponte, name: string): Promise<string> {
  const first = await fetch(`${ponte.url}/api/v1/openapi.json`);
  const token = /ponte_csrf=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const body = new FormData();
  for (const [k, v] of Object.entries(applicationFields({ name, language: "it" })))
    for (const value of [v].flat()) body.append(k, String(value));
  const signed = await realPdf("modulo-firmato.pdf");
  body.append("signedForm", new File([Buffer.from(signed.content)], signed.filename, { type: "application/pdf" }));
  const res = await fetch(`${ponte.url}/api/v1/membership-applications`, {
    method: "POST",
    headers: { cookie: `ponte_csrf=${token}`, "x-csrf-token": token, "accept-language": "it" },
    body,
  });
  if (res.status !== 201) throw new Error(`applying for ${name} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Marks the application ready and returns the path of the Board meeting it went to. */
async function markReady(page: Page, t: TFunction, applicationId: string): Promise<string> {
  await visit(page, `/membership/applications/${applicationId}`);
  await submit(page, () => page.getByRole("button", { name: t("membership:detail.markReady") }).click(), "ready");
  const meetingLink = page.getByRole("main").locator('a[href^="/governance/meetings/"]').first();
  return String(await meetingLink.getAttribute("href"));
}

/** The Board meeting: invitations, roll call, the application on the agenda, its approval, held. */
async function holdBoardMeeting(page: Page, t: TFunction, meetingPath: string, applicant: string, id: string) {
  await visit(page, meetingPath);
  const title = new RegExp(`${applicant} \\(SERN-\\d{4}-\\d{4}\\)$`);
  const item = page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title }) });
  expect(await item.count()).toBe(1);
  await checkA11y(page);
  await submit(page, () => page.getByRole("button", { name: t("meetings:manage.invite") }).click(), "invited");
  const quorum = () => page.locator("#quorum + p").textContent();
  expect(await quorum()).toContain(t("meetings:quorum.notReached"));
  await submit(
    page,
    () => page.getByRole("button", { name: t("meetings:participants.allPresent") }).click(),
    "allPresent",
  );
  expect(await quorum()).toContain(t("meetings:quorum.reached"));

  // The Board approves; the secretariat records it on the application (the meeting's date is the default).
  await visit(page, `/membership/applications/${id}`);
  await submit(page, () => page.getByRole("button", { name: t("membership:detail.record") }).click(), "approved");

  await visit(page, meetingPath);
  expect(await item.textContent()).toContain(t("meetings:outcomes.approved"));
  await submit(page, () => page.getByRole("button", { name: t("meetings:manage.markHeld") }).click(), "held");

  await visit(page, `${meetingPath}/minutes`);
  await submit(page, () => page.getByRole("button", { name: t("minutes:ui.generate") }).click(), "generated");
  const text = await page.getByLabel(t("minutes:ui.textLabel"), { exact: true }).inputValue();
  expect(text).toContain(applicant);
  // The Board's decision on it is in the register, numbered per year (the minutes are in the
  // meeting's language, English for the Board's planned meetings).
  expect(text).toMatch(new RegExp(`\\d{4}/\\d+[^\\n]*${applicant}`));
}

describe("a governance year", () => {
  test("three Board meetings decide membership applications and approve each other's minutes; the Assembly elects the Board", {
    timeout: 480_000,
  }, async () => {
    const { browser, ponte } = harness();
    const applications = [];
    for (const name of APPLICANTS) applications.push({ name, id: await apply(ponte, name) });

    const secretariat = await openPage(browser, ponte, { javaScriptEnabled: false, locale: "it-IT" });
    await signIn(secretariat, ponte.login("secretariat"));
    const t = await pageT(secretariat);
    expect(await secretariat.locator("html").getAttribute("lang")).toBe("it");

    // Each application goes to the next planned Board meeting; each meeting decides one.
    const meetingPaths: string[] = [];
    for (const [i, application] of applications.entries()) {
      const meetingPath = await markReady(secretariat, t, application.id);
      expect(meetingPaths).not.toContain(meetingPath);
      if (i === 0) await checkA11y(secretariat);
      await holdBoardMeeting(secretariat, t, meetingPath, application.name, application.id);
      if (i === 0) await checkA11y(secretariat);
      // The previous meeting's minutes are approved at this one.
      const previous = meetingPaths.at(-1);
      if (previous) {
        await visit(secretariat, `${previous}/minutes`);
        if (i === 1) await checkA11y(secretariat);
        const approval = formWith(secretariat, "approve");
        const select = approval.getByLabel(t("minutes:ui.approvedInMeeting"), { exact: true });
        const meetingId = meetingPath.split("/").pop() ?? "";
        const approvingDate = (await select.locator(`option[value="${meetingId}"]`).textContent()) ?? "";
        await select.selectOption(meetingId);
        await submit(
          secretariat,
          () => approval.getByRole("button", { name: t("minutes:ui.recordApproval") }).click(),
          "approved",
        );
        expect(await secretariat.getByRole("main").textContent()).toContain(
          t("minutes:ui.approvedAtMeeting", { date: approvingDate.trim(), name: "Giulia Ferrari" }),
        );
      }
      meetingPaths.push(meetingPath);
    }

    // The Chair approves the last meeting's minutes, in Swedish, and downloads the PDF.
    const chair = await openPage(browser, ponte, { locale: "sv-SE" });
    await signIn(chair, ponte.login("board"));
    const sv = await pageT(chair);
    await visit(chair, `${meetingPaths.at(-1)}/minutes`);
    await Promise.all([
      chair.waitForURL((url) => url.searchParams.get("notice") === "approved"),
      chair.getByRole("button", { name: sv("minutes:ui.approveAsChair") }).click(),
    ]);
    await checkA11y(chair);
    const pdfLink = chair.getByRole("link", { name: sv("minutes:ui.downloadPdf") });
    const pdf = await chair.request.get(new URL(String(await pdfLink.getAttribute("href")), ponte.url).toString());
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await PDFDocument.load(await pdf.body())).getTitle()).toBeTruthy();

    // The three applicants are members now.
    for (const application of applications) {
      await visit(secretariat, `/membership/applications/${application.id}`);
      expect(await secretariat.getByRole("main").textContent()).toContain(t("membership:statuses.approved"));
    }

    // The General Assembly of 2028 elects two Board members for the next term.
    await visit(secretariat, "/governance/meetings");
    const create = formWith(secretariat, "create");
    await create.getByLabel(t("meetings:fields.body"), { exact: true }).selectOption("general_assembly");
    await create.getByLabel(t("meetings:fields.date"), { exact: true }).fill("2028-04-13");
    await create.getByLabel(t("meetings:fields.title"), { exact: true }).fill("Assemblea generale 2028");
    await Promise.all([
      secretariat.waitForEvent("load"),
      create.getByRole("button", { name: t("meetings:list.create") }).click(),
    ]);
    await checkA11y(secretariat);
    const add = formWith(secretariat, "item-add");
    await add.getByLabel(t("meetings:fields.agendaTitle"), { exact: true }).fill("Elezione del Consiglio direttivo");
    await submit(secretariat, () => add.getByRole("button").click(), "itemAdded");
    await submit(
      secretariat,
      () => secretariat.getByRole("button", { name: t("meetings:manage.invite") }).click(),
      "invited",
    );
    await submit(
      secretariat,
      () => secretariat.getByRole("button", { name: t("meetings:participants.allPresent") }).click(),
      "allPresent",
    );

    await secretariat.getByRole("link", { name: t("votes:new.link") }).click();
    await secretariat.waitForURL("**/votes/new");
    await checkA11y(secretariat);
    const form = secretariat
      .locator("form")
      .filter({ has: secretariat.getByLabel(t("votes:new.fields.question"), { exact: true }) });
    await form.getByLabel(t("votes:new.fields.question"), { exact: true }).fill("Consiglio direttivo 2028–2030");
    await form
      .getByLabel(t("votes:new.fields.agendaItemId"), { exact: true })
      .selectOption({ label: "1. Elezione del Consiglio direttivo" });
    await form.getByLabel(t("votes:kinds.election"), { exact: true }).check();
    await form.getByLabel(t("votes:ballots.secret"), { exact: true }).check();
    await form.getByLabel(t("votes:new.fields.seats"), { exact: true }).fill("2");
    await form
      .getByLabel(t("votes:new.fields.candidates"), { exact: true })
      .fill([...CANDIDATES.map((c) => c.name), "Marco Gallo"].join("\n"));
    await Promise.all([
      secretariat.waitForEvent("load"),
      form.getByRole("button", { name: t("votes:new.submit") }).click(),
    ]);
    await submit(secretariat, () => secretariat.getByRole("button", { name: t("votes:page.open") }).click(), "opened");
    const [first, second] = [CANDIDATES[0].name, CANDIDATES[1].name];
    for (const [voter, choices] of [
      ["Comune di Parma", [first, second]],
      ["Malmö stad", [first, second]],
      ["Comune di Brisighella", [second, "Marco Gallo"]],
    ] as const)
      await enterBallot(secretariat, t, voter, [...choices]);
    await submit(secretariat, () => secretariat.getByRole("button", { name: t("votes:page.close") }).click(), "closed");
    const elected = secretariat.getByRole("heading", { name: t("votes:page.electedHeading") }).locator("+ ol");
    expect(await elected.locator("li").allTextContents()).toEqual([`${second} (3)`, `${first} (2)`]);

    // Their seats on the Board from the first day of the next term, each one the right person.
    const seats = formWith(secretariat, "seats");
    await seats.getByLabel(t("votes:seats.startsOn"), { exact: true }).fill(NEXT_TERM);
    for (const c of CANDIDATES) {
      const select = seats.getByLabel(t("votes:seats.person", { name: c.name }), { exact: true });
      const value = await select
        .locator(`optgroup[label="${c.organisation}"] option`, { hasText: c.name })
        .getAttribute("value");
      await select.selectOption(String(value));
    }
    await submit(secretariat, () => seats.getByRole("button", { name: t("votes:seats.submit") }).click(), "seated");
    await checkA11y(secretariat);

    // The Board's first meeting of the new term invites them.
    await visit(secretariat, "/governance/meetings?year=2028&body=board");
    const may = secretariat.getByRole("row").filter({ hasText: "2028" }).nth(1).getByRole("link");
    await Promise.all([secretariat.waitForEvent("load"), may.click()]);
    await checkA11y(secretariat);
    await submit(
      secretariat,
      () => secretariat.getByRole("button", { name: t("meetings:manage.invite") }).click(),
      "invited",
    );
    const participants =
      (await secretariat
        .getByRole("table")
        .filter({ hasText: CANDIDATES[0]?.name ?? "" })
        .textContent()) ?? "";
    for (const c of CANDIDATES) expect(participants).toContain(c.name);
  });
});
