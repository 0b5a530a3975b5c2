import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { checkA11y, openPage, visit } from "./support/browser";
import { JOURNEY, pageT, signIn, useHarness } from "./support/journey";

const harness = useHarness();

/** Opens an organisation's page from the directory search; returns its path. */
async function openFromDirectory(page: Page, query: string, name: string): Promise<string> {
  await visit(page, `/organisations?q=${encodeURIComponent(query)}`);
  await page.locator("table.directory tbody").getByRole("link", { name, exact: true }).click();
  await page.waitForURL((url) => /^\/organisations\/[0-9a-f-]{36}$/.test(url.pathname));
  await checkA11y(page);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
  return new URL(page.url()).pathname;
}

describe("a member contact", () => {
  test("edits their own organisation and cannot edit another", JOURNEY, async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    // The demo member contact works for the Comune di Parma.
    await signIn(page, ponte.login("member_contact"));

    const own = await openFromDirectory(page, "parma", "Comune di Parma");
    let t = await pageT(page);
    await page
      .getByRole("main")
      .getByRole("link", { name: t("organisations:detail.edit"), exact: true })
      .click();
    await page.waitForURL(`**${own}/edit`);
    await checkA11y(page);
    t = await pageT(page);
    const website = page.getByLabel(t("organisations:fields.website"), { exact: true });
    await website.fill("https://www.comune.parma.it/europa");
    await page.getByRole("button", { name: t("organisations:form.save") }).click();
    await page.waitForURL((url) => url.pathname === own);
    await checkA11y(page);
    const main = page.getByRole("main");
    expect(await main.textContent()).toContain(t("organisations:detail.notices.saved"));
    expect(await main.getByRole("link", { name: "https://www.comune.parma.it/europa" }).count()).toBe(1);

    // Another member's page has no edit link, and its edit page refuses them.
    const other = await openFromDirectory(page, "forli", "Comune di Forlì");
    expect(
      await page
        .getByRole("main")
        .getByRole("link", { name: t("organisations:detail.edit"), exact: true })
        .count(),
    ).toBe(0);
    await visit(page, `${other}/edit`, 403);
    expect(await page.getByRole("main").textContent()).toContain(t("errors:forbidden"));
    expect(await page.locator("form#organisation-form").count()).toBe(0);
  });
});
