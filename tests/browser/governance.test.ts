import { PDFDocument } from "pdf-lib";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import { checkA11y, openPage, visit } from "./support/browser";
import { enterBallot as enterBallotAs, formWith, submit } from "./support/forms";
import { JOURNEY, pageT, signIn, useHarness } from "./support/journey";

const harness = useHarness();
const en = translator("en");
const enterBallot = (page: Page, voter: string, choices: string[]) => enterBallotAs(page, en, voter, choices);

/**
 * The General Assembly of 2027, run in Ponte with the demo data set (59 member organisations):
 * the quorum is reached only with proxies, a weighted motion passes with two thirds (it would
 * fail with one vote each), a secret election fills two Board seats, and the minutes approved by
 * the Chair list both decisions.
 *
 * Weights by inhabitants (bands 5,000 → 1, 50,000 → 2, larger → 3): Parma 3, Malmö 3, Correggio 2,
 * Scandiano 2, the Fondazione Terre del Po and Föreningen Europabron 1 (no inhabitants: first band).
 */
const PARMA = "Comune di Parma";
const MALMO = "Malmö stad";
const PARMA_PROXIES = ["Comune di Correggio", "Fondazione Terre del Po"];
const MALMO_PROXIES = ["Comune di Scandiano", "Föreningen Europabron"];
const MOTION = "Weigh the Assembly's votes by inhabitants from 2028";
const ELECTION = "Two Board seats, 2027–2029";

async function setAttendance(page: Page, name: string, attendance: string, holder?: string) {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
  await row.getByLabel(en("meetings:participants.attendanceOf", { name }), { exact: true }).selectOption(attendance);
  if (holder)
    await row.getByLabel(en("meetings:participants.proxyHolder"), { exact: true }).selectOption({ label: holder });
  await submit(page, () => row.getByRole("button", { name: en("meetings:participants.save") }).click(), "attendance");
}

/** A member contact casts the ballot of one organisation (their own, or one whose proxy they hold). */
async function castOnline(page: Page, organisation: string, choices: string[], proxy: boolean) {
  const t = await pageT(page);
  const heading = proxy
    ? t("votes:page.ballotByProxy", { name: organisation })
    : t("votes:page.ballotOf", { name: organisation });
  const ballot = page.locator(".ballot").filter({ has: page.getByRole("heading", { name: heading }) });
  for (const choice of choices) await ballot.getByLabel(choice, { exact: true }).check();
  await ballot.getByRole("button", { name: t("votes:page.cast") }).click();
  await expect.poll(() => ballot.textContent()).toContain(t("votes:page.alreadyCast"));
}

describe("the General Assembly", () => {
  test(
    "quorum with proxies, a weighted two-thirds motion, a secret election of two Board seats, minutes approved by the Chair",
    JOURNEY,
    async () => {
      const { browser, ponte } = harness();
      const secretariat = await openPage(browser, ponte, { javaScriptEnabled: false });
      await signIn(secretariat, ponte.login("secretariat"));

      // The Assembly's rules: a quorum of 10 % (6 of 59 members) and votes weighted by inhabitants.
      await visit(secretariat, "/governance/bodies/general_assembly");
      await checkA11y(secretariat);
      const rules = formWith(secretariat, "rules");
      await rules.getByLabel(en("governance:body.quorumPercent"), { exact: true }).fill("10");
      await submit(secretariat, () => rules.getByRole("button").click(), "rulesSaved");
      const weighting = formWith(secretariat, "weighting");
      await weighting.getByLabel(en("votes:weighting.inhabitants"), { exact: true }).check();
      await weighting.getByLabel(en("votes:weighting.bands"), { exact: true }).fill("5000 1\n50000 2\n3");
      await submit(secretariat, () => weighting.getByRole("button").click(), "weightingSaved");

      // The meeting, its agenda and its invitations.
      await secretariat
        .getByRole("navigation", { name: en("common:nav.main") })
        .getByRole("link", { name: en("common:nav.governance") })
        .click();
      await secretariat.waitForURL("**/governance/meetings");
      await checkA11y(secretariat);
      const create = formWith(secretariat, "create");
      await create.getByLabel(en("meetings:fields.body"), { exact: true }).selectOption("general_assembly");
      await create.getByLabel(en("meetings:fields.date"), { exact: true }).fill("2027-04-15");
      await create.getByLabel(en("meetings:fields.title"), { exact: true }).fill("General Assembly 2027");
      await create.getByLabel(en("meetings:fields.startTime"), { exact: true }).fill("10:00");
      await create.getByLabel(en("meetings:fields.place"), { exact: true }).fill("Parma, Palazzo del Governatore");
      await Promise.all([
        secretariat.waitForEvent("load"),
        create.getByRole("button", { name: en("meetings:list.create") }).click(),
      ]);
      const meetingPath = new URL(secretariat.url()).pathname;
      for (const [title, proposal] of [
        ["Weighted votes", MOTION],
        ["Election of the Board", ELECTION],
      ] as const) {
        const add = formWith(secretariat, "item-add");
        await add.getByLabel(en("meetings:fields.agendaTitle"), { exact: true }).fill(title);
        await add.getByLabel(en("meetings:fields.proposedDecision"), { exact: true }).fill(proposal);
        await submit(secretariat, () => add.getByRole("button").click(), "itemAdded");
      }
      await submit(
        secretariat,
        () => secretariat.getByRole("button", { name: en("meetings:manage.invite") }).click(),
        "invited",
      );
      await checkA11y(secretariat);

      // Two members come; four give them their proxies. Only with the proxies is the quorum reached.
      await setAttendance(secretariat, PARMA, "present");
      await setAttendance(secretariat, MALMO, "present");
      const quorum = () => secretariat.locator("#quorum + p").textContent();
      expect(await quorum()).toContain(en("meetings:quorum.notReached"));
      for (const name of PARMA_PROXIES) await setAttendance(secretariat, name, "proxy", PARMA);
      for (const name of MALMO_PROXIES) await setAttendance(secretariat, name, "proxy", MALMO);
      expect(await quorum()).toContain(en("meetings:quorum.reached"));
      await checkA11y(secretariat);

      // The weighted motion (two thirds) and the secret election, tied to their agenda items.
      const voteIds: string[] = [];
      for (const v of [
        { question: MOTION, item: "1. Weighted votes", kind: "motion", ballot: "named", weighting: "weighted" },
        {
          question: ELECTION,
          item: "2. Election of the Board",
          kind: "election",
          ballot: "secret",
          weighting: "equal",
        },
      ]) {
        await visit(secretariat, meetingPath);
        await secretariat.getByRole("link", { name: en("votes:new.link") }).click();
        await secretariat.waitForURL("**/votes/new");
        await checkA11y(secretariat);
        const form = secretariat
          .locator("form")
          .filter({ has: secretariat.getByLabel(en("votes:new.fields.question"), { exact: true }) });
        await form.getByLabel(en("votes:new.fields.question"), { exact: true }).fill(v.question);
        await form.getByLabel(en("votes:new.fields.agendaItemId"), { exact: true }).selectOption({ label: v.item });
        await form.getByLabel(en(`votes:kinds.${v.kind}`), { exact: true }).check();
        await form.getByLabel(en(`votes:ballots.${v.ballot}`), { exact: true }).check();
        await form.getByLabel(en(`votes:weightings.${v.weighting}`), { exact: true }).check();
        if (v.kind === "motion") await form.getByLabel(en("votes:majorities.two_thirds"), { exact: true }).check();
        else {
          await form.getByLabel(en("votes:new.fields.seats"), { exact: true }).fill("2");
          await form
            .getByLabel(en("votes:new.fields.candidates"), { exact: true })
            .fill("Maria Rossi\nErik Berg\nGiulia Neri");
        }
        await Promise.all([
          secretariat.waitForEvent("load"),
          form.getByRole("button", { name: en("votes:new.submit") }).click(),
        ]);
        voteIds.push(new URL(secretariat.url()).pathname.split("/").pop() ?? "");
        await submit(
          secretariat,
          () => secretariat.getByRole("button", { name: en("votes:page.open") }).click(),
          "opened",
        );
        await checkA11y(secretariat);
      }
      const [motionId, electionId] = voteIds;

      // Parma's contact votes online, in Italian, for Parma and the two organisations whose proxy it holds.
      const member = await openPage(browser, ponte, { locale: "it-IT" });
      await signIn(member, ponte.login("member_contact"));
      const it = await pageT(member);
      await visit(member, meetingPath);
      await checkA11y(member);
      await member.getByRole("link", { name: MOTION }).click();
      await member.waitForURL(`**/governance/votes/${motionId}`);
      await castOnline(member, PARMA, [it("votes:options.yes")], false);
      await checkA11y(member);
      await castOnline(member, PARMA_PROXIES[0] ?? "", [it("votes:options.yes")], true);
      await castOnline(member, PARMA_PROXIES[1] ?? "", [it("votes:options.no")], true);
      // Nobody votes twice: every ballot of Parma's is recorded, no form is left.
      expect(await member.getByRole("button", { name: it("votes:page.cast") }).count()).toBe(0);
      await visit(member, `/governance/votes/${electionId}`);
      for (const [name, proxy] of [
        [PARMA, false],
        [PARMA_PROXIES[0] ?? "", true],
        [PARMA_PROXIES[1] ?? "", true],
      ] as const)
        await castOnline(member, name, ["Maria Rossi", "Erik Berg"], proxy);
      expect(await member.getByRole("status").textContent()).toContain(it("votes:page.notices.castSecret"));

      // The secretariat enters the ballots cast in the room, then closes both votes.
      await visit(secretariat, `/governance/votes/${motionId}`);
      await enterBallot(secretariat, MALMO, [en("votes:options.yes")]);
      for (const name of MALMO_PROXIES) await enterBallot(secretariat, name, [en("votes:options.no")]);
      await submit(
        secretariat,
        () => secretariat.getByRole("button", { name: en("votes:page.close") }).click(),
        "closed",
      );
      await checkA11y(secretariat);
      const motionResult = (await secretariat.getByRole("main").textContent()) ?? "";
      // 3 + 2 + 3 = 8 yes against 1 + 2 + 1 = 4 no: exactly two thirds (one vote each: 3 against 3).
      expect(motionResult).toContain(en("votes:outcomes.passed"));
      const votesFor = async (option: string) =>
        (
          await secretariat
            .getByRole("row")
            .filter({ has: secretariat.getByRole("rowheader", { name: option, exact: true }) })
            .locator("td")
            .allTextContents()
        )[0];
      expect(await votesFor(en("votes:options.yes"))).toBe("8");
      expect(await votesFor(en("votes:options.no"))).toBe("4");

      await visit(secretariat, `/governance/votes/${electionId}`);
      await enterBallot(secretariat, MALMO, ["Maria Rossi", "Giulia Neri"]);
      await enterBallot(secretariat, MALMO_PROXIES[0] ?? "", ["Erik Berg", "Giulia Neri"]);
      await enterBallot(secretariat, MALMO_PROXIES[1] ?? "", ["Giulia Neri"]);
      await submit(
        secretariat,
        () => secretariat.getByRole("button", { name: en("votes:page.close") }).click(),
        "closed",
      );
      const elected = secretariat.getByRole("heading", { name: en("votes:page.electedHeading") }).locator("+ ol");
      expect(await elected.locator("li").allTextContents()).toEqual(["Maria Rossi (4)", "Erik Berg (4)"]);

      // The outcomes go into the register of decisions.
      await visit(secretariat, meetingPath);
      for (const [title, outcome, text] of [
        ["Weighted votes", "approved", "The Assembly weighs its votes by inhabitants from 2028."],
        ["Election of the Board", "elected", "Maria Rossi and Erik Berg are elected to the Board for 2027–2029."],
      ] as const) {
        await secretariat.getByText(en("meetings:agenda.editItem", { title }), { exact: true }).click();
        const details = secretariat.locator("details").filter({ hasText: en("meetings:agenda.editItem", { title }) });
        const form = details
          .locator("form")
          .filter({ has: secretariat.locator('input[name="intent"][value="outcome"]') });
        await form.getByLabel(en("meetings:fields.outcome"), { exact: true }).selectOption(outcome);
        await form.getByLabel(en("meetings:fields.outcomeText"), { exact: true }).fill(text);
        await submit(
          secretariat,
          () => form.getByRole("button", { name: en("meetings:agenda.recordOutcome") }).click(),
          "outcome",
        );
      }
      await checkA11y(secretariat);

      // Minutes: generated by the secretariat, approved by the Chair (the demo Board account), as a PDF.
      await secretariat.getByRole("link", { name: en("meetings:minutesLink.none") }).click();
      await secretariat.waitForURL("**/minutes");
      await checkA11y(secretariat);
      await submit(
        secretariat,
        () => secretariat.getByRole("button", { name: en("minutes:ui.generate") }).click(),
        "generated",
      );
      const text = await secretariat.getByLabel(en("minutes:ui.textLabel"), { exact: true }).inputValue();
      for (const expected of [MOTION, ELECTION, "Maria Rossi", "Erik Berg", "2027/1", "2027/2"])
        expect(text).toContain(expected);

      const chair = await openPage(browser, ponte);
      await signIn(chair, ponte.login("board"));
      await visit(chair, `${meetingPath}/minutes`);
      const ct = await pageT(chair);
      await Promise.all([
        chair.waitForURL((url) => url.searchParams.has("notice")),
        chair.getByRole("button", { name: ct("minutes:ui.approveAsChair") }).click(),
      ]);
      await checkA11y(chair);
      const pdfLink = chair.getByRole("link", { name: ct("minutes:ui.downloadPdf") });
      const pdf = await chair.request.get(new URL(String(await pdfLink.getAttribute("href")), ponte.url).toString());
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const doc = await PDFDocument.load(await pdf.body());
      expect(doc.getPageCount()).toBeGreaterThan(0);
      expect(doc.getKeywords()).toContain("2027/1");
      expect(doc.getKeywords()).toContain("2027/2");
    },
  );
});
