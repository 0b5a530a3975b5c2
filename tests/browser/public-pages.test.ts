import { describe, expect, test } from "vitest";
import { type Language, translator } from "~/i18n/i18n";
import { checkA11y, openPage, visit } from "./support/browser";
import { useHarness } from "./support/journey";

const harness = useHarness();
const t = (language: Language) => translator(language);

describe("public pages", () => {
  test("a visitor reads the home page in the browser's language", async () => {
    const { browser, ponte } = harness();
    for (const [locale, language] of [
      ["en-GB", "en"],
      ["sv-SE", "sv"],
      ["it-IT", "it"],
    ] as const) {
      const page = await openPage(browser, ponte, { locale });
      await visit(page, "/");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(language);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t(language)("common:home.title"));
      // The member figures the network publishes, under their heading in the same language.
      const figures = page.getByRole("region", { name: t(language)("common:home.membersHeading") });
      expect(await figures.getByRole("table").count()).toBe(2);
      // The project figures come from the demo's pipeline, which reproduces the brochure's.
      const projects = page.getByRole("region", { name: t(language)("common:home.projectsHeading") });
      const values = await projects.locator(".value").allTextContents();
      expect(values.slice(0, 3)).toEqual(["178", "130", "73 %"]);
      expect(values[3]?.replace(/\D/g, "")).toBe("20000");
      expect(values[4]?.replace(/\D/g, "")).toBe("1300000000");
    }
  });

  test("the language switcher changes every label on the page and is remembered", async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    await visit(page, "/");
    const nav = page.getByRole("navigation", { name: t("en")("common:nav.main") });
    await expect.poll(() => nav.getByRole("link").first().textContent()).toBe(t("en")("common:nav.home"));

    await page.getByRole("button", { name: t("en")("common:languages.it") }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("it");
    await checkA11y(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t("it")("common:home.title"));
    expect(
      await page
        .getByRole("navigation", { name: t("it")("common:nav.main") })
        .getByRole("link")
        .first()
        .textContent(),
    ).toBe(t("it")("common:nav.home"));

    await page.getByRole("button", { name: t("it")("common:languages.sv") }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t("sv")("common:home.title"));
    await checkA11y(page);

    // The choice is remembered on the next page (a cookie), although the browser asks for English.
    await visit(page, "/no-such-page", 404);
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t("sv")("common:notFound.title"));
  });

  test("an unknown address answers 404 with a page that says so", async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    await visit(page, "/organisations-that-do-not-exist/at/all", 404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t("en")("common:notFound.title"));
    expect(await page.getByRole("main").textContent()).toContain(t("en")("common:notFound.body"));
  });

  test("a failed sign-in says what is wrong, keeps the e-mail address and passes axe", async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    await visit(page, "/");
    await page.getByRole("link", { name: t("en")("common:nav.signIn") }).click();
    await page.waitForURL("**/login**");
    await checkA11y(page);
    const main = page.getByRole("main");
    const { email } = ponte.login("secretariat");
    await main.getByLabel(t("en")("accounts:signIn.email")).fill(email);
    await main.getByLabel(t("en")("accounts:signIn.password")).fill("not-the-password");
    await main.getByRole("button", { name: t("en")("accounts:signIn.submit") }).click();
    await expect.poll(() => main.getByRole("alert").textContent()).toContain(t("en")("accounts:signIn.invalid"));
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await main.getByLabel(t("en")("accounts:signIn.email")).inputValue()).toBe(email);
    expect(await page.getByRole("button", { name: t("en")("common:nav.signOut") }).count()).toBe(0);
    await checkA11y(page);
  });

  test("the API documentation is linked from every page and browsable", async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    await visit(page, "/");
    await page.getByRole("link", { name: t("en")("common:nav.apiDocs") }).click();
    await page.waitForURL("**/api/docs");
    // Swagger UI renders the OpenAPI document in the browser; it names the API and its paths.
    await expect.poll(() => page.locator(".swagger-ui .info .title").textContent()).toContain("Ponte API");
    await expect
      .poll(() => page.locator(".opblock-summary-path", { hasText: /^\/organisations$/ }).count())
      .toBeGreaterThan(0);
    await checkA11y(page);
  });
});
