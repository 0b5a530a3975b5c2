import { describe, expect, test } from "vitest";
import { roles } from "~/auth/actor";
import { translator } from "~/i18n/i18n";
import { checkA11y, openPage, visit } from "./support/browser";
import { JOURNEY, pageT, signIn, useHarness } from "./support/journey";

const harness = useHarness();
const en = translator("en");
const it = translator("it");
const sv = translator("sv");

const NEW_ORGANISATION = "Associazione Giovani di Forlì";

describe("a newcomer tries Ponte", () => {
  test(
    "signs in as the secretariat, adds an organisation, finds it with `forli`, works in Italian and Swedish and reads an import error",
    JOURNEY,
    async () => {
      const { browser, ponte } = harness();
      const page = await openPage(browser, ponte);

      // The first start printed one demo login per role; the newcomer uses the secretariat's.
      expect([...ponte.logins.keys()].sort()).toEqual([...roles].sort());
      await visit(page, "/");
      await signIn(page, ponte.login("secretariat"));
      expect(await page.getByRole("button", { name: en("common:nav.signOut") }).count()).toBe(1);

      // The directory, then the form to add an organisation.
      await page
        .getByRole("navigation", { name: en("common:nav.main") })
        .getByRole("link", { name: en("common:nav.directory") })
        .click();
      await page.waitForURL("**/organisations");
      await checkA11y(page);
      await page.getByRole("link", { name: en("organisations:list.create") }).click();
      await page.waitForURL("**/organisations/new");
      await checkA11y(page);

      const form = page.locator("form#organisation-form");
      await form.getByLabel(en("organisations:fields.name"), { exact: true }).fill(NEW_ORGANISATION);
      await form.getByLabel(en("organisations:fields.country"), { exact: true }).selectOption("IT");
      await form.getByLabel(en("organisations:fields.type"), { exact: true }).selectOption("civil_society");
      await form.getByLabel(en("organisations:fields.city"), { exact: true }).fill("Forlì");
      await form.getByLabel(en("organisations:fields.website"), { exact: true }).fill("https://giovani-forli.example");
      await form.getByLabel(en("organisations:fields.status"), { exact: true }).selectOption("member");
      await form.locator("#priority-active_citizenship").check();
      await form.getByRole("button", { name: en("organisations:form.create") }).click();
      await page.waitForURL((url) => /^\/organisations\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkA11y(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(NEW_ORGANISATION);
      expect(await page.getByRole("main").textContent()).toContain(en("organisations:detail.notices.created"));

      // Find it by typing `forli` (no accent) in the directory search: the results update as one types,
      // without a page load (a marker set on the window survives).
      await visit(page, "/organisations");
      await page.evaluate(() => {
        (window as unknown as { journeyMarker: string }).journeyMarker = "same page";
      });
      await page.getByLabel(en("organisations:list.searchLabel")).pressSequentially("forli", { delay: 60 });
      await page.waitForURL((url) => url.searchParams.get("q") === "forli");
      const results = page.locator("table.directory tbody");
      await expect.poll(() => results.getByRole("link", { name: NEW_ORGANISATION }).count()).toBe(1);
      expect(await results.getByRole("link", { name: "Comune di Forlì" }).count()).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker)).toBe(
        "same page",
      );
      await checkA11y(page);

      // The same search submitted without JavaScript (same account, a browser with scripts off).
      const plain = await openPage(browser, ponte, { javaScriptEnabled: false });
      await plain.context().addCookies(await page.context().cookies());
      await visit(plain, "/organisations");
      await plain.getByLabel(en("organisations:list.searchLabel")).fill("forli");
      await Promise.all([
        plain.waitForURL((url) => url.searchParams.get("q") === "forli"),
        plain
          .getByRole("search")
          .getByRole("button", { name: en("organisations:list.searchButton") })
          .click(),
      ]);
      await checkA11y(plain);
      expect(await plain.locator("table.directory tbody").getByRole("link", { name: NEW_ORGANISATION }).count()).toBe(
        1,
      );

      // Italian, then Swedish: the headings, labels and html lang change with the language.
      await page.getByRole("button", { name: en("common:languages.it") }).click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("it");
      await checkA11y(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(it("organisations:list.title"));
      expect(await page.getByLabel(it("organisations:list.searchLabel")).inputValue()).toBe("forli");
      expect(await page.getByRole("link", { name: NEW_ORGANISATION }).count()).toBe(1);

      await page.getByRole("button", { name: it("common:languages.sv") }).click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
      await checkA11y(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(sv("organisations:list.title"));
      await expect.poll(() => page.getByLabel(sv("organisations:list.searchLabel")).count()).toBe(1);

      // Import a CSV file (UTF-8 with BOM, `;`-separated, as a spreadsheet saves it) with a bad row:
      // the problem is reported by row, column and reason, in Swedish.
      const t = await pageT(page);
      await page.getByRole("link", { name: t("organisations:list.import") }).click();
      await page.waitForURL("**/organisations/import");
      await checkA11y(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t("organisations:import.title"));
      const csv = [
        "name;country;type;official_code;inhabitants;status;priorities",
        "Comune di Forlimpopoli;IT;municipality;040015;13300;member;climate_action",
        "Comune di Bertinoro;IT;municipality;040004;many;member;climate_action",
      ].join("\r\n");
      await page.getByLabel(t("organisations:import.file"), { exact: true }).setInputFiles({
        name: "members.csv",
        mimeType: "text/csv",
        buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")]),
      });
      await page.getByRole("button", { name: t("organisations:import.apply"), exact: true }).click();
      const problems = page.getByRole("table", {
        name: t("organisations:import.errorsCaption", { count: 1, formatted: "1" }),
      });
      await problems.waitFor();
      await checkA11y(page);
      // All or nothing: the good row was not imported either.
      expect(await page.getByRole("main").getByRole("alert").textContent()).toBe(t("organisations:import.notApplied"));
      const cells = await problems.locator("tbody tr").first().locator("th, td").allTextContents();
      expect(cells.slice(0, 2)).toEqual(["3", "inhabitants"]);
      expect(cells[2]).toBe(t("errors:field.notInteger"));
    },
  );
});
