import { describe, expect, test } from "vitest";
import { withLuhnDigit } from "~/domains/organisations/identifiers";
import { translator } from "~/i18n/i18n";
import { createPdf } from "~/pdf/document";
import { checkA11y, openPage, visit } from "./support/browser";
import { JOURNEY, signIn, useHarness } from "./support/journey";

const harness = useHarness();
const en = translator("en");
const it = translator("it");

const CONTACT_EMAIL = "ufficio.europa@casola-valsenio.example";
const PASSWORD = "ponte sul senio 2027";
const TAX_CODE = withLuhnDigit("8300039005");
const IPA_CODE = "UFCSV5";

async function signedPdf(): Promise<Buffer> {
  const pdf = await createPdf({ title: "Domanda firmata", language: "it" });
  pdf.paragraph("Comune di Casola Valsenio — domanda di adesione firmata dal sindaco.");
  return Buffer.from(await pdf.save());
}

describe("joining the network", () => {
  test(
    "a comune applies in Italian, the secretariat marks it ready, the Board sees it, it is approved and its contact signs in",
    JOURNEY,
    async () => {
      const { browser, ponte } = harness();

      // The applicant, in Italian, from the "How to join" page.
      const applicant = await openPage(browser, ponte, { locale: "it-IT" });
      await visit(applicant, "/");
      await applicant
        .getByRole("navigation", { name: it("common:nav.main") })
        .getByRole("link", { name: it("common:nav.join") })
        .click();
      await applicant.waitForURL("**/join");
      await checkA11y(applicant);
      await applicant.getByRole("link", { name: it("membership:join.apply") }).click();
      await applicant.waitForURL("**/join/apply");
      await checkA11y(applicant);

      // The comune from the reference places fills in its code, NUTS and inhabitants.
      await applicant.getByLabel(it("organisations:place.label")).fill("Casola Valsenio");
      await applicant.getByRole("button", { name: it("organisations:place.search") }).click();
      const use = applicant.getByRole("link", { name: it("organisations:place.use", { name: "Casola Valsenio" }) });
      await use.click();
      const form = applicant.locator("form#organisation-form");
      await expect
        .poll(() => form.getByLabel(it("membership:fields.officialCode"), { exact: true }).inputValue())
        .toBe("039005");
      expect(await form.getByLabel(it("membership:fields.name"), { exact: true }).inputValue()).toBe("Casola Valsenio");
      await form.getByLabel(it("membership:fields.name"), { exact: true }).fill("Comune di Casola Valsenio");
      await form.getByLabel(it("membership:fields.legalName"), { exact: true }).fill("Giorgio Sagrini");
      await form.getByLabel(it("membership:fields.legalJobTitle"), { exact: true }).fill("Sindaco");
      await form
        .getByLabel(it("membership:fields.legalEmail"), { exact: true })
        .fill("sindaco@casola-valsenio.example");
      await form.getByLabel(it("membership:fields.contactName"), { exact: true }).fill("Chiara Montanari");
      await form.getByLabel(it("membership:fields.contactEmail"), { exact: true }).fill(CONTACT_EMAIL);
      await form.getByLabel(it("membership:fields.contactLanguage"), { exact: true }).selectOption("it");
      await form.locator("#priority-sustainable_tourism").check();
      await form
        .getByLabel(it("membership:fields.letterText"), { exact: true })
        .fill("Gentile Presidente, il Comune di Casola Valsenio chiede di aderire alla rete.");
      // A fake PDF is refused, naming the field, and the form keeps what was typed.
      await form.getByLabel(it("membership:fields.signedForm"), { exact: true }).setInputFiles({
        name: "firmato.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("questo non è un PDF"),
      });
      await form.getByLabel(it("membership:apply.acceptStatute", { version: "statute-2021" })).check();
      await form.getByLabel(it("membership:apply.acceptPrivacy", { version: "privacy-2024" })).check();
      await form.getByRole("button", { name: it("membership:apply.submit") }).click();
      const notPdf = it("membership:errors.notPdf", { field: it("membership:fields.signedForm") });
      await expect.poll(() => applicant.getByRole("alert").textContent()).toContain(notPdf);
      // A comune must give what its e-invoice needs: the codice fiscale and the IPA office code.
      const alert = (await applicant.getByRole("alert").textContent()) ?? "";
      expect(alert).toContain(`${it("membership:fields.taxCode")}: ${it("errors:field.required")}`);
      expect(alert).toContain(`${it("membership:fields.ipaCode")}: ${it("errors:field.required")}`);
      await checkA11y(applicant);
      await form.getByLabel(it("membership:fields.taxCode"), { exact: true }).fill(TAX_CODE);
      await form.getByLabel(it("membership:fields.ipaCode"), { exact: true }).fill(IPA_CODE.toLowerCase());
      expect(await form.getByLabel(it("membership:fields.contactEmail"), { exact: true }).inputValue()).toBe(
        CONTACT_EMAIL,
      );
      await form.getByLabel(it("membership:fields.signedForm"), { exact: true }).setInputFiles({
        name: "firmato.pdf",
        mimeType: "application/pdf",
        buffer: await signedPdf(),
      });
      await form.getByRole("button", { name: it("membership:apply.submit") }).click();
      await applicant.waitForURL((url) => /^\/join\/applications\/[^/]+$/.test(url.pathname));
      await checkA11y(applicant);
      const main = applicant.getByRole("main");
      expect(await main.textContent()).toContain(it("membership:applicant.notices.submitted"));
      expect(await main.textContent()).toContain(it("membership:statuses.submitted"));
      const pdfLink = main.getByRole("link", { name: it("membership:applicant.downloadForm") });
      const pdfResponse = await applicant.request.get(
        new URL(String(await pdfLink.getAttribute("href")), ponte.url).toString(),
      );
      expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
      expect((await pdfResponse.body()).subarray(0, 5).toString()).toBe("%PDF-");
      const heading = (await applicant.getByRole("heading", { level: 1 }).textContent()) ?? "";
      const reference = /SERN-\d{4}-\d{4}/.exec(heading)?.[0] ?? "";
      expect(reference).not.toBe("");

      // The secretariat finds it and marks it ready for the Board.
      const secretariat = await openPage(browser, ponte);
      await signIn(secretariat, ponte.login("secretariat"));
      await secretariat
        .getByRole("navigation", { name: en("common:nav.main") })
        .getByRole("link", { name: en("common:nav.applications") })
        .click();
      await secretariat.waitForURL("**/membership/applications");
      await checkA11y(secretariat);
      await secretariat.getByRole("link", { name: reference }).click();
      await secretariat.waitForURL((url) => /^\/membership\/applications\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkA11y(secretariat);
      const detailPath = new URL(secretariat.url()).pathname;
      await secretariat.getByRole("button", { name: en("membership:detail.markReady") }).click();
      await secretariat.waitForURL((url) => url.searchParams.get("notice") === "ready");
      await checkA11y(secretariat);
      const readyText = (await secretariat.getByRole("status").textContent()) ?? "";
      const meetingDate = /(\d{1,2} \w+ \d{4})/.exec(readyText)?.[1] ?? "";
      expect(meetingDate).not.toBe("");

      // The Board sees it on its next meeting, with the documents.
      const board = await openPage(browser, ponte);
      await signIn(board, ponte.login("board"));
      await board
        .getByRole("navigation", { name: en("common:nav.main") })
        .getByRole("link", { name: en("common:nav.board") })
        .click();
      await board.waitForURL("**/membership/board");
      await checkA11y(board);
      expect(await board.getByRole("main").textContent()).toContain(
        en("membership:board.meetingOf", { date: meetingDate }),
      );
      const item = board.getByRole("article", { name: `Comune di Casola Valsenio (${reference})` });
      expect(await item.getByRole("link", { name: "firmato.pdf" }).count()).toBe(1);

      // The secretariat records the Board's approval.
      await visit(secretariat, detailPath);
      await secretariat.getByRole("button", { name: en("membership:detail.record") }).click();
      // (Polled with the page's alert, so a refused decision fails with its message.)
      await expect
        .poll(
          async () =>
            new URL(secretariat.url()).searchParams.get("notice") ??
            (await secretariat.getByRole("alert").allTextContents()).join(" | "),
          { timeout: 30_000 },
        )
        .toBe("approved");
      await checkA11y(secretariat);
      expect(await secretariat.getByRole("status").textContent()).toContain(
        en("membership:detail.invoiceCreated", { number: "" }).trim(),
      );
      // The first invoice, with its FatturaPA e-invoice for the comune's IPA office.
      await secretariat.getByRole("status").getByRole("link").click();
      await secretariat.waitForURL((url) => /^\/invoices\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkA11y(secretariat);
      const eInvoice = secretariat.getByRole("link", {
        name: en("invoicing:ui.eInvoice", { format: en("invoicing:ui.formats.fatturapa-fpa12") }),
      });
      const xml = await (
        await secretariat.request.get(new URL(String(await eInvoice.getAttribute("href")), ponte.url).toString())
      ).text();
      expect(xml).toContain("<FormatoTrasmissione>FPA12</FormatoTrasmissione>");
      expect(xml).toContain(`<CodiceDestinatario>${IPA_CODE}</CodiceDestinatario>`);
      expect(xml).toContain(`<CodiceFiscale>${TAX_CODE}</CodiceFiscale>`);
      await visit(secretariat, detailPath);
      await secretariat.getByRole("link", { name: en("membership:detail.organisationLink") }).click();
      await secretariat.waitForURL((url) => /^\/organisations\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkA11y(secretariat);
      expect(await secretariat.getByRole("heading", { level: 1 }).textContent()).toBe("Comune di Casola Valsenio");

      // The invitation (in Italian) is in the outbox; the contact chooses a password and signs in.
      await visit(secretariat, "/admin/outbox");
      const row = secretariat
        .getByRole("row")
        .filter({ hasText: CONTACT_EMAIL })
        .filter({ hasText: it("accounts:mail.invite.subject") });
      const mail = (await row.first().locator("pre").textContent()) ?? "";
      const link = /https?:\/\/\S+\/password-reset\/[A-Za-z0-9_-]+/.exec(mail)?.[0] ?? "";
      expect(link).not.toBe("");

      const contact = await openPage(browser, ponte, { locale: "it-IT" });
      await visit(contact, new URL(link).pathname);
      await contact.getByLabel(it("accounts:reset.password"), { exact: true }).fill(PASSWORD);
      await contact.getByLabel(it("accounts:reset.passwordConfirm")).fill(PASSWORD);
      await contact.getByRole("button", { name: it("accounts:reset.submit") }).click();
      await contact.waitForURL("**/login?notice=password-saved");
      await checkA11y(contact);
      await signIn(contact, { role: "member_contact", email: CONTACT_EMAIL, password: PASSWORD });
      expect(await contact.getByRole("button", { name: it("common:nav.signOut") }).count()).toBe(1);
      expect(await contact.locator("header").textContent()).toContain(
        it("common:loggedInAs", { name: "Chiara Montanari" }),
      );
    },
  );
});

describe("applying in each language", () => {
  const cases = [
    {
      language: "sv" as const,
      locale: "sv-SE",
      country: "SE",
      type: "municipality",
      name: "Ljusdals kommun",
      ids: { orgNumber: "212000-2627" },
    },
    {
      language: "en" as const,
      locale: "en-GB",
      country: "FI",
      type: "municipality",
      name: "City of Tampere",
      ids: { vatNumber: "FI02094371" },
    },
  ];
  test(
    "a Swedish kommun applies in Swedish and a Finnish city in English (as a partner), without the place picker",
    JOURNEY,
    async () => {
      const { browser, ponte } = harness();
      for (const c of cases) {
        const t = translator(c.language);
        const page = await openPage(browser, ponte, { locale: c.locale });
        await visit(page, "/join/apply");
        await checkA11y(page);
        const form = page.locator("form#organisation-form");
        const field = (key: string) => form.getByLabel(t(`membership:fields.${key}`), { exact: true });
        await field("name").fill(c.name);
        await field("country").selectOption(c.country);
        await field("type").selectOption(c.type);
        await field("inhabitants").fill("19000");
        for (const [key, value] of Object.entries(c.ids)) await field(key).fill(value);
        await field("legalName").fill("Anna Lind");
        await field("legalEmail").fill(`legal@${c.country.toLowerCase()}.example`);
        await field("contactName").fill("Erik Berg");
        await field("contactEmail").fill(`contact@${c.country.toLowerCase()}.example`);
        await field("contactLanguage").selectOption(c.language);
        await field("letterText").fill("Dear Chair, we would like to join the network.");
        await field("signedForm").setInputFiles({
          name: "signed.pdf",
          mimeType: "application/pdf",
          buffer: await signedPdf(),
        });
        await form.getByLabel(t("membership:apply.acceptStatute", { version: "statute-2021" })).check();
        await form.getByLabel(t("membership:apply.acceptPrivacy", { version: "privacy-2024" })).check();
        await form.getByRole("button", { name: t("membership:apply.submit") }).click();
        await page.waitForURL((url) => /^\/join\/applications\/[^/]+$/.test(url.pathname));
        await checkA11y(page);
        const main = (await page.getByRole("main").textContent()) ?? "";
        expect(main).toContain(t("membership:applicant.notices.submitted"));
        expect(main).toContain(t("membership:statuses.submitted"));
        expect(await page.locator("html").getAttribute("lang")).toBe(c.language);
      }
    },
  );
});
