import { afterEach, beforeEach, vi } from "vitest";
import { parseConfig, setConfig } from "~/config/env";

// Tests run with a test configuration (no SMTP unless a test sets one) and quiet logs.
setConfig({ ...parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }) });

// A test fails if it logs console.error: errors must be asserted, not printed.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(
      `console.error was called during the test:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});
