import { config } from "~/config/env";

/**
 * A small structured logger (JSON lines to stderr). It never receives personal data or
 * secrets: callers log ids, counts and codes, not e-mails, names, passwords or tokens.
 */
const levels = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 } as const;
type Level = Exclude<keyof typeof levels, "silent">;

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  let threshold: number = levels.info;
  try {
    threshold = levels[config().logLevel];
  } catch {
    // configuration not readable yet: keep the default
  }
  if (levels[level] > threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  process.stderr.write(`${line}\n`);
}

export const logger = {
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
};
