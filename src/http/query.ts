import type { Context } from "hono";
import type { AppEnv } from "./context";

/**
 * The query string as a record for a service's query parser: `?country=IT&country=SE` and
 * `?country=IT,SE` both work (repeated keys are joined with commas).
 */
export function queryRecord(c: Context<AppEnv>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? values[0] : values.join(",")]),
  );
}
