import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, stopChild, waitUntilReady } from "~/testing/child-server";
import { buildDir, ensureBuild, repoRoot } from "./build";

export type DemoLogin = { role: string; email: string; password: string };

export type Ponte = {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The demo logins the server printed at its first start, by role. */
  logins: Map<string, DemoLogin>;
  /** The demo login for a role (fails the test clearly if the server printed none). */
  login(role: string): DemoLogin;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

const LOGIN_LINE = /^\s+([a-z_]+)\s+(\S+@\S+)\s+password:\s+(\S+)\s*$/;

/** Parses the "Demo logins (one per role)" block the server prints after loading the demo data. */
export function parseDemoLogins(output: string): Map<string, DemoLogin> {
  const logins = new Map<string, DemoLogin>();
  for (const line of output.split("\n")) {
    const m = LOGIN_LINE.exec(line);
    if (m?.[1] && m[2] && m[3]) logins.set(m[1], { role: m[1], email: m[2], password: m[3] });
  }
  return logins;
}

/**
 * Builds Ponte (if the sources changed) and starts the built server as a child process, the way
 * `npm start` does: production mode, a free port, a new embedded database in a fresh folder — so the demo data set loads and its logins are printed.
 */
export async function startPonte(): Promise<Ponte> {
  ensureBuild();
  const port = await freePort();
  // A fresh folder per server (under .test-results, which is git-ignored), so the database is new.
  const parent = path.join(repoRoot, ".test-results", "servers");
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, "ponte-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PONTE_DATA_DIR: path.join(tmp, "data"),
    LOG_LEVEL: "warn",
  };
  // Empty counts as "not set", and a variable that is set wins over the project's `.env` file,
  // so a developer's own configuration (a PostgreSQL server, SMTP) never reaches the test server.
  for (const key of ["DATABASE_URL", "PONTE_DEMO", "PUBLIC_URL", "SMTP_URL", "TRUST_PROXY"]) env[key] = "";
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  const entry = path.join(buildDir, "server", "index.js");
  const child = spawn(process.execPath, ["-e", `import(${JSON.stringify(entry)}).then((m) => m.start())`], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    output += s;
  });
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    output += s;
  });
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    await stopChild(child, 15_000);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  await waitUntilReady(child, url, () => output, stop);

  // The logins are printed before the server listens, so they are in the output by now.
  const logins = parseDemoLogins(output);
  return {
    url,
    logins,
    login(role) {
      const found = logins.get(role);
      if (!found) throw new Error(`The server printed no demo login for the role "${role}". Its output:\n${output}`);
      return found;
    },
    output: () => output,
    stop,
  };
}
