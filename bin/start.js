#!/usr/bin/env node
// `npm start`: builds the web app, then starts the server (one command on a fresh clone).
console.info("Building Ponte…");

import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = spawnSync(process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.js"), "build"], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
});
if (build.status !== 0) {
  // Only a failed build prints its output (a good one only prints bundler chatter).
  console.error(build.stdout, build.stderr);
  console.error("Building Ponte failed (see above).");
  process.exit(build.status ?? 1);
}
process.chdir(root);
await import("../server.js");
