// Takes the README's screenshot of the directory with the browser-test harness: the built app
// on a new embedded database with the demo data, in Debian's Chromium.
//   npx tsx tests/browser/screenshot.ts [output.png]
import path from "node:path";
import { launchChromium } from "./support/browser";
import { repoRoot } from "./support/build";
import { startPonte } from "./support/server";

const output = path.resolve(process.argv[2] ?? path.join(repoRoot, "docs", "screenshot.png"));
const ponte = await startPonte();
const browser = await launchChromium();
try {
  const context = await browser.newContext({
    baseURL: ponte.url,
    locale: "en-GB",
    viewport: { width: 1280, height: 960 },
  });
  const page = await context.newPage();
  // Signed in as the secretariat, so the directory shows its actions too.
  const login = ponte.login("secretariat");
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(login.email);
  await page.locator('input[name="password"]').fill(login.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.locator('main button[type="submit"]').click(),
  ]);
  await page.goto("/organisations");
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: output });
  console.info(`Saved ${path.relative(process.cwd(), output)}`);
  await context.close();
} finally {
  await browser.close();
  await ponte.stop();
}
