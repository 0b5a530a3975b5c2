import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { freePort, stopChild, waitUntilReady } from "~/testing/child-server";

/** The project root (bench/ → one level up). */
export const repoRoot = path.resolve(import.meta.dirname, "..");

/**
 * Builds Ponte with `react-router build` into a folder of the benchmark's own (inside
 * node_modules/.cache, so the server build resolves its dependencies and git ignores it), so the
 * benchmark never races a developer's `build/` or the browser tests' build.
 */
export function buildServer(): string {
  const buildDir = path.join(repoRoot, "node_modules", ".cache", "ponte-bench", "build");
  fs.rmSync(buildDir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/@react-router/dev/bin.js"), "build"], {
    cwd: repoRoot,
    env: { ...process.env, PONTE_BUILD_DIR: buildDir, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const entry = path.join(buildDir, "server", "index.js");
  if (result.status !== 0 || !fs.existsSync(entry)) {
    throw new Error(`Building Ponte for the benchmark failed:\n${result.stdout}\n${result.stderr}`);
  }
  return buildDir;
}

export type RunningServer = {
  url: string;
  pid: number;
  /** Peak resident memory of the server process so far (VmHWM), in bytes. */
  peakMemory(): number | null;
  /** Current resident memory (VmRSS), in bytes. */
  residentMemory(): number | null;
  output(): string;
  stop(): Promise<void>;
};

function statusField(pid: number, field: string): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Starts the built server as a child process (production mode, the given database, no demo
 * data) and waits until `/readyz` answers.
 */
export async function startServer(buildDir: string, database: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PONTE_DEMO: "false",
    LOG_LEVEL: "warn",
    ...database,
  };
  for (const key of ["PUBLIC_URL", "SMTP_URL", "TRUST_PROXY"]) delete env[key];
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
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
  const pid = child.pid;
  if (pid === undefined) throw new Error("The server process did not start");
  const url = `http://127.0.0.1:${port}`;
  let lastPeak: number | null = null;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) lastPeak = statusField(pid, "VmHWM") ?? lastPeak;
    await stopChild(child, 20_000);
  };
  await waitUntilReady(child, url, () => output, stop);
  return {
    url,
    pid,
    peakMemory: () => statusField(pid, "VmHWM") ?? lastPeak,
    residentMemory: () => statusField(pid, "VmRSS"),
    output: () => output,
    stop,
  };
}

/**
 * One GET over a kept-alive connection (node:http: a lighter client than fetch, whose own
 * overhead would otherwise count against the API on a small machine).
 */
export function get(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}
