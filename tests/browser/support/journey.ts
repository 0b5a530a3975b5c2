import type { TFunction } from "i18next";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { isLanguage, translator } from "~/i18n/i18n";
import { checkA11y, launchChromium, visit } from "./browser";
import { type DemoLogin, type Ponte, startPonte } from "./server";

export type Harness = { ponte: Ponte; browser: Browser };

/**
 * One Ponte server (built app, new embedded database with the demo data) and one Chromium for
 * the test file; both are stopped when the file is done.
 */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  let ponte: Ponte | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    ponte = await startPonte();
    harness = { ponte, browser };
  });
  afterAll(async () => {
    await browser?.close();
    await ponte?.stop();
  });
  return () => {
    if (!harness) throw new Error("The browser harness did not start (see the beforeAll error).");
    return harness;
  };
}

/** The translator for the language the page is shown in (its `html lang`). */
export async function pageT(page: Page): Promise<TFunction> {
  const lang = await page.locator("html").getAttribute("lang");
  if (!isLanguage(lang)) throw new Error(`The page ${page.url()} has no supported html lang (found ${lang})`);
  return translator(lang);
}

/** Signs in through the sign-in page (with or without JavaScript) and checks both pages with axe. */
export async function signIn(page: Page, login: DemoLogin): Promise<void> {
  await visit(page, "/login");
  const t = await pageT(page);
  const main = page.getByRole("main");
  await main.getByLabel(t("accounts:signIn.email")).fill(login.email);
  await main.getByLabel(t("accounts:signIn.password")).fill(login.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    main.getByRole("button", { name: t("accounts:signIn.submit") }).click(),
  ]);
  await checkA11y(page);
}

/**
 * A whole journey (many pages, each checked with axe) can take longer than one test usually
 * should on a busy two-core machine; the project's default timeout stays for everything else.
 */
export const JOURNEY = { timeout: 300_000 };
