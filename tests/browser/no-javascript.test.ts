import { describe, expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import { checkA11y, openPage, visit } from "./support/browser";
import { JOURNEY, signIn, useHarness } from "./support/journey";

const harness = useHarness();
const en = translator("en");

describe("without JavaScript", () => {
  test(
    "the secretariat signs in, sees a field error, saves an organisation and finds the change in the audit log",
    JOURNEY,
    async () => {
      const { browser, ponte } = harness();
      const page = await openPage(browser, ponte, { javaScriptEnabled: false });
      await signIn(page, ponte.login("secretariat"));
      expect(await page.getByRole("button", { name: en("common:nav.signOut") }).count()).toBe(1);

      await visit(page, "/organisations?q=bologna");
      await page.locator("table.directory tbody").getByRole("link", { name: "Comune di Bologna", exact: true }).click();
      await page.waitForURL((url) => /^\/organisations\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkA11y(page);
      const detail = new URL(page.url()).pathname;
      await page
        .getByRole("main")
        .getByRole("link", { name: en("organisations:detail.edit"), exact: true })
        .click();
      await page.waitForURL(`**${detail}/edit`);
      await checkA11y(page);

      // A bad value comes back as the same form, with the error beside the field and in a summary.
      const employees = page.getByLabel(en("organisations:fields.employees"), { exact: true });
      await employees.fill("about forty");
      await page.getByRole("button", { name: en("organisations:form.save") }).click();
      await expect.poll(() => employees.getAttribute("aria-invalid")).toBe("true");
      expect(new URL(page.url()).pathname).toBe(`${detail}/edit`);
      await checkA11y(page);
      const problem = await page.locator("#field-employees-error").textContent();
      expect(problem).toBeTruthy();
      expect(await page.getByRole("alert").textContent()).toContain(problem ?? "");

      // Corrected, it saves and shows the organisation with the new figure.
      await employees.fill("4321");
      await page.getByRole("button", { name: en("organisations:form.save") }).click();
      await page.waitForURL((url) => url.pathname === detail);
      await checkA11y(page);
      const main = await page.getByRole("main").textContent();
      expect(main).toContain(en("organisations:detail.notices.saved"));
      expect(main).toContain("4,321");

      // The change is in the audit log: who changed what, before and after.
      const id = detail.split("/").pop() ?? "";
      await visit(page, `/admin/audit?entityType=organisation&entityId=${id}`);
      const latest = page.locator("main table tbody").first().locator(":scope > tr").first();
      expect(await latest.textContent()).toContain(ponte.login("secretariat").email);
      const change = latest.locator("table.audit-diff tr", { hasText: "employees" });
      expect(await change.locator("td").last().textContent()).toMatch(/^4[,.\s\u00a0]?321$/);
    },
  );
});
