import fs from "node:fs";
import path from "node:path";
import { AppError } from "~/errors/app-error";

/**
 * PGlite's data folder may be opened by one process only: a second process gets no error and
 * silently loses committed rows. The owner writes its pid into a lock file; anyone else refuses.
 */
const LOCK_NAME = "ponte.lock";

export type LockInfo = { pid: number; purpose: string; since: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_NAME), "utf8")) as LockInfo;
    return isAlive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the data folder's lock or throws `database_locked`. Returns a release function. */
export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_NAME);
  const info: LockInfo = { pid: process.pid, purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLock(dataDir);
      if (holder) {
        throw new AppError(
          "database_locked",
          "errors:database_locked",
          {},
          {
            pid: holder.pid,
            purpose: holder.purpose,
            dataDir,
          },
        );
      }
      // Stale lock from a process that died: remove it and try once more.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("database_locked", "errors:database_locked", {}, { pid: 0, purpose: "unknown", dataDir });
}
