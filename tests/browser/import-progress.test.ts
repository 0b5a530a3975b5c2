import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { translator } from "~/i18n/i18n";
import { checkA11y, openPage, visit } from "./support/browser";
import { JOURNEY, signIn, useHarness } from "./support/journey";

const harness = useHarness();
const en = translator("en");

const ROWS = 3000;

/** A spreadsheet's CSV of `ROWS` schools (UTF-8 with BOM, `;`-separated, CRLF). */
function schoolsFile(): Buffer {
  const lines = ["name;country;type;official_code;inhabitants;status"];
  for (let i = 1; i <= ROWS; i++) lines.push(`Scuola di prova ${i};IT;education;PRV${i};${i};partner`);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join("\r\n"), "utf8")]);
}

type Seen = { values: number[]; texts: string[] };

/**
 * Records, from now on, every value a `<progress>` on the page takes and every text the import's
 * status line shows (a MutationObserver, so nothing between two polls is missed).
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Seen = { values: [], texts: [] };
    (window as unknown as { importSeen: Seen }).importSeen = seen;
    const record = (node: Node) => {
      if (!(node instanceof Element)) return;
      const bars = node instanceof HTMLProgressElement ? [node] : [...node.querySelectorAll("progress")];
      for (const bar of bars) if (bar.hasAttribute("value")) seen.values.push(bar.value);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === "attributes") record(m.target);
        for (const node of m.addedNodes) record(node);
      }
      const text = document.querySelector("[role=status] .working")?.textContent?.trim();
      if (text && seen.texts.at(-1) !== text) seen.texts.push(text);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["value", "max"],
    });
  });
}

async function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => (window as unknown as { importSeen: Seen }).importSeen);
}

describe("a large import shows its progress", () => {
  test(`checks and imports ${ROWS.toLocaleString("en-GB")} rows with a progress bar that counts`, JOURNEY, async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte);
    await signIn(page, ponte.login("secretariat"));
    await visit(page, "/organisations/import");

    // Nothing chosen: the page says what is missing.
    await page.getByRole("button", { name: en("organisations:import.check"), exact: true }).click();
    await page.getByText(en("organisations:import.noInput")).waitFor();

    // The dry run: the rows are checked (the bar counts them), then the report is shown.
    await watchProgress(page);
    await page.getByLabel(en("organisations:import.file"), { exact: true }).setInputFiles({
      name: "schools.csv",
      mimeType: "text/csv",
      buffer: schoolsFile(),
    });
    await page.getByRole("button", { name: en("organisations:import.check"), exact: true }).click();
    await page.getByRole("heading", { name: en("organisations:import.dryRunHeading") }).waitFor();
    await checkA11y(page);
    expect(await page.getByRole("main").textContent()).toContain(
      en("organisations:import.created", { count: ROWS, formatted: "3,000" }),
    );
    const checked = await seen(page);
    expect(checked.values.some((v) => v > 0)).toBe(true);
    expect(checked.texts).toContain(en("organisations:import.progress.check", { done: "3,000", total: "3,000" }));

    // "Import these rows": the checked text is sent again; the bar counts the writing, then the
    // page shows the figures of the import.
    await watchProgress(page);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("created") === String(ROWS)),
      page.getByRole("button", { name: en("organisations:import.applyChecked"), exact: true }).click(),
    ]);
    await page.getByText(en("organisations:import.appliedOk")).waitFor();
    await checkA11y(page);
    const written = await seen(page);
    expect(written.values.some((v) => v > 0)).toBe(true);
    expect(written.texts).toContain(en("organisations:import.progress.write", { done: "3,000", total: "3,000" }));
    expect(await page.getByRole("status").textContent()).toContain(
      en("organisations:import.appliedCreated", { count: ROWS, formatted: "3,000" }),
    );
  });

  test("without JavaScript, the same form checks pasted rows and shows the report", JOURNEY, async () => {
    const { browser, ponte } = harness();
    const page = await openPage(browser, ponte, { javaScriptEnabled: false });
    await signIn(page, ponte.login("secretariat"));
    await visit(page, "/organisations/import");
    await page
      .getByLabel(en("organisations:import.text"), { exact: true })
      .fill("name;country;type\nScuola senza script;IT;education\n");
    await Promise.all([
      page.waitForURL("**/organisations/import"),
      page.getByRole("button", { name: en("organisations:import.check"), exact: true }).click(),
    ]);
    await page.getByRole("heading", { name: en("organisations:import.dryRunHeading") }).waitFor();
    await checkA11y(page);
    expect(await page.getByRole("main").textContent()).toContain(
      en("organisations:import.created", { count: 1, formatted: "1" }),
    );
  });
});
