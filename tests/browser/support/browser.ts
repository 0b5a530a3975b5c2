import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { onTestFinished } from "vitest";
import { repoRoot } from "./build";
import type { Ponte } from "./server";

/** Debian's Chromium. The browser tests never download a browser of their own. */
export const CHROMIUM = "/usr/bin/chromium";

// Without the networking flags Chromium floods a closed network with refused connections.
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The WCAG 2.1 A and AA rules: any violation fails the journey. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const artifactsDir = path.join(repoRoot, ".test-results", "browser");

/** Launches Debian's Chromium. A missing browser fails the run: it is never a reason to skip. */
export async function launchChromium(): Promise<Browser> {
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

type Tracker = {
  javaScriptEnabled: boolean;
  /** A context with JavaScript on, to run axe for a page that has it off (axe runs in the page). */
  axeContext?: BrowserContext;
  /** Paths (no query) the page navigated to. */
  visited: Set<string>;
  /** Paths that passed an axe check. */
  checked: Set<string>;
  /** JavaScript errors, console errors and server errors seen while the journey ran. */
  problems: string[];
};

const trackers = new WeakMap<Page, Tracker>();

function pathOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol.startsWith("http") ? u.pathname : undefined;
  } catch {
    return undefined;
  }
}

export type PageOptions = {
  /** `false` to prove that the forms work without JavaScript. */
  javaScriptEnabled?: boolean;
  /** The browser's language (sent as Accept-Language); English unless a journey says otherwise. */
  locale?: string;
};

/**
 * Opens a page in a new browser context (cookies of its own). When the test finishes the page is
 * checked: every path it visited must have passed an axe check, and there must have been no
 * JavaScript error, no console error and no 5xx answer. On failure a screenshot is saved in
 * `.test-results/browser/`.
 */
export async function openPage(browser: Browser, ponte: Ponte, options: PageOptions = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    baseURL: ponte.url,
    locale: options.locale ?? "en-GB",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // Generous: on a busy two-core CI machine a server-rendered page plus axe can take seconds.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const tracker: Tracker = {
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    visited: new Set(),
    checked: new Set(),
    problems: [],
  };
  trackers.set(page, tracker);

  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const p = pathOf(frame.url());
    if (p) tracker.visited.add(p);
  });
  page.on("pageerror", (error) => tracker.problems.push(`JavaScript error on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // An expected 4xx answer (a refused edit page, a 404, a failed login) is logged by Chromium
    // as "Failed to load resource"; 5xx answers are caught from the responses below.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    tracker.problems.push(`console.error on ${page.url()}: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 500 && response.url().startsWith(ponte.url)) {
      tracker.problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
    }
  });

  onTestFinished(async (ctx) => {
    const failed = ctx.task.result?.state === "fail";
    // After a failure the journey stopped early: pages it had not checked yet are no news.
    const unchecked = failed ? [] : [...tracker.visited].filter((p) => !tracker.checked.has(p));
    const problems = [
      ...tracker.problems,
      ...unchecked.map((p) => `the journey visited ${p} but never ran the axe check on it`),
    ];
    if (failed || problems.length > 0) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true }).catch(() => undefined);
    }
    await context.close();
    await tracker.axeContext?.close();
    if (problems.length > 0) throw new Error(`Problems while the journey ran:\n  - ${problems.join("\n  - ")}`);
  });
  return page;
}

/**
 * Runs axe (WCAG 2.1 A/AA) on the page as it is now and fails with a readable list of every
 * violation: rule, impact, what it means, and the elements with what to fix.
 */
export async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const tracker = trackers.get(page);
  const target = await axePage(page, tracker);
  const results = await new AxeBuilder({ page: target })
    .withTags(AXE_TAGS)
    .analyze()
    .finally(() => (target === page ? undefined : target.close()));
  const where = `${pathOf(page.url()) ?? page.url()} (lang=${await page.locator("html").getAttribute("lang")}${
    tracker?.javaScriptEnabled === false ? ", without JavaScript" : ""
  })`;
  if (results.violations.length > 0) {
    const shown = 5;
    const lines = results.violations.flatMap((v) => [
      `${v.id} (${v.impact ?? "unknown impact"}): ${v.help}  ${v.helpUrl}`,
      ...v.nodes
        .slice(0, shown)
        .map((n) => `    at ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n\s*/g, " ")}`),
      ...(v.nodes.length > shown ? [`    … and ${v.nodes.length - shown} more element(s)`] : []),
    ]);
    throw new Error(
      `axe found ${results.violations.length} accessibility violation(s) on ${where}:\n  - ${lines.join("\n  - ")}`,
    );
  }
  const p = pathOf(page.url());
  if (p) trackers.get(page)?.checked.add(p);
}

/**
 * axe runs inside the page, so it cannot run where JavaScript is off. For such a page, the same
 * document (as the server sent it: no script ran) is shown at the same address in a second
 * context with JavaScript on, its scripts removed, its styles loaded from the server; axe runs there.
 */
async function axePage(page: Page, tracker: Tracker | undefined): Promise<Page> {
  if (!tracker || tracker.javaScriptEnabled) return page;
  const browser = page.context().browser();
  if (!browser) throw new Error("The page has no browser to run axe in.");
  tracker.axeContext ??= await browser.newContext({ viewport: page.viewportSize() });
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const mirror = await tracker.axeContext.newPage();
  const url = page.url();
  await mirror.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await mirror.goto(url);
  await mirror.unroute(url);
  return mirror;
}

/** Goes to a path, expects the given HTTP status, and runs the axe check. */
export async function visit(page: Page, pathname: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(pathname);
  const status = response?.status();
  if (status !== expectedStatus) {
    throw new Error(`GET ${pathname} answered ${status}, expected ${expectedStatus}`);
  }
  await checkA11y(page);
}
