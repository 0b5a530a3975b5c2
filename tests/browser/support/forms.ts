import type { TFunction } from "i18next";
import type { Page } from "playwright-core";

/** The form on the page that posts this intent (the hidden `intent` field or a button's value). */
export const formWith = (page: Page, intent: string) =>
  page.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });

/**
 * Posts a form (the secretariat's pages run without JavaScript in these journeys, as in a room
 * with a poor connection) and waits for the page it leads to, which must carry this notice (a
 * refused form fails the test with the page's error messages).
 */
export async function submit(page: Page, click: () => Promise<void>, notice: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), click()]);
  const shown = new URL(page.url()).searchParams.get("notice");
  if (shown !== notice) {
    const problems = await page.locator(".error, [role=alert]").allTextContents();
    throw new Error(`expected the notice ${notice}, got ${shown}: ${problems.join(" | ")}`);
  }
}

/** The secretariat enters a ballot cast in the room, on the vote's page. */
export async function enterBallot(page: Page, t: TFunction, voter: string, choices: string[]): Promise<void> {
  const form = formWith(page, "enter");
  const select = form.getByLabel(t("votes:page.voter"), { exact: true });
  const label = (await select.locator("option").allTextContents()).find(
    (o) => o === voter || o.startsWith(`${voter} (`),
  );
  if (!label) throw new Error(`${voter} cannot be entered`);
  await select.selectOption({ label });
  for (const choice of choices) await form.getByLabel(choice, { exact: true }).check();
  await submit(page, () => form.getByRole("button", { name: t("votes:page.enter") }).click(), "entered");
}
