import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The repository root (tests/browser/support → three levels up). */
export const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** The browser tests build into their own folder, so they never race a developer's `build/`. */
export const buildDir = path.join(repoRoot, ".test-results", "build");

const hashFile = path.join(buildDir, ".sources.sha256");
const failedFile = path.join(buildDir, ".failed.json");

/** Everything that goes into the build: the sources, the configuration and the locked dependencies. */
const inputs = ["src", "vite.config.ts", "react-router.config.ts", "tsconfig.json", "package-lock.json"];

function listFiles(entry: string): string[] {
  const full = path.join(repoRoot, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(repoRoot, path.join(d.parentPath, d.name)))
    .filter((f) => !f.split(path.sep).includes("+types") && !/\.test\.tsx?$/.test(f));
}

function sourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(listFiles).sort()) {
    hash.update(file);
    hash.update("\0");
    hash.update(fs.readFileSync(path.join(repoRoot, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * Builds the app into `.test-results/build` with `react-router build`. Each test file runs in its
 * own worker, so the build is skipped when the sources are unchanged since the last one (the
 * hash of every input file is kept beside the build; a failed build is remembered the same way).
 */
export function ensureBuild(): string {
  const hash = sourcesHash();
  const entry = path.join(buildDir, "server", "index.js");
  if (fs.existsSync(entry) && fs.existsSync(hashFile) && fs.readFileSync(hashFile, "utf8") === hash) return buildDir;
  // The same sources failed to build for an earlier test file of this run: fail the same way, at once.
  if (fs.existsSync(failedFile)) {
    const failed = JSON.parse(fs.readFileSync(failedFile, "utf8")) as { hash: string; message: string };
    if (failed.hash === hash) throw new Error(failed.message);
  }
  fs.rmSync(buildDir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/@react-router/dev/bin.js"), "build"], {
    cwd: repoRoot,
    env: { ...process.env, PONTE_BUILD_DIR: buildDir, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (result.status !== 0 || !fs.existsSync(entry)) {
    const message = `Building Ponte for the browser tests failed (react-router build):\n${tail(`${result.stdout}\n${result.stderr}`)}`;
    fs.mkdirSync(buildDir, { recursive: true });
    fs.writeFileSync(failedFile, JSON.stringify({ hash, message }));
    throw new Error(message);
  }
  fs.writeFileSync(hashFile, hash);
  return buildDir;
}

/** The end of the build's output, without colours: where the error is. */
function tail(output: string, lines = 30): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  return plain
    .split("\n")
    .filter(
      (l) => l.trim() !== "" && !/Future Flag|future\.v8_|reactrouter\.com\/v7\/upgrading|envFile|^\s+at /.test(l),
    )
    .slice(-lines)
    .join("\n");
}
