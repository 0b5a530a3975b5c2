import path from "node:path";
import { fileURLToPath } from "node:url";
import * as build from "virtual:react-router/server-build";
import { createRequestHandler } from "react-router";
import type { PageHandler } from "~/http/app";
import { startServer } from "./start";

/** The server build's entry: React Router's pages plus the Hono app, in one process. */
export const pages: PageHandler = createRequestHandler(
  build,
  process.env.NODE_ENV === "development" ? "development" : "production",
);

export async function start() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return startServer({ pages, staticRoot: path.relative(process.cwd(), path.resolve(here, "../client")) });
}
