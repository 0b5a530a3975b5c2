import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "~/errors/app-error";
import { acquireDataDirLock, readLock } from "./lock";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ponte-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("the data folder lock", () => {
  it("refuses a second holder while the first process lives, naming its pid and purpose", async () => {
    const dir = tempDir();
    // Another live process holds the lock.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      fs.writeFileSync(
        path.join(dir, "ponte.lock"),
        JSON.stringify({ pid: holder.pid, purpose: "server", since: new Date().toISOString() }),
      );
      expect(readLock(dir)?.pid).toBe(holder.pid);
      let error: unknown;
      try {
        acquireDataDirLock(dir, "ponte migrate");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("database_locked");
      expect((error as AppError).values).toMatchObject({ pid: holder.pid, purpose: "server" });
    } finally {
      holder.kill();
    }
  });

  it("takes over a stale lock left by a dead process, and releases it", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "ponte.lock"), JSON.stringify({ pid: 2147483646, purpose: "server", since: "" }));
    const release = acquireDataDirLock(dir, "test");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "ponte.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, "ponte.lock"))).toBe(false);
  });
});
