import type { ChildProcess } from "node:child_process";
import net from "node:net";

/** Helpers for running a built Ponte server as a child process (browser tests, benchmark). */

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function exited(child: ChildProcess): Promise<void> {
  if (!running(child)) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Stops the child with SIGTERM (Ponte closes its database), then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!running(child)) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(killer);
}

/**
 * Waits until the server answers `/readyz`; throws with the server's output if it exits first or
 * is not ready within three minutes (after calling `stop`).
 */
export async function waitUntilReady(
  child: ChildProcess,
  url: string,
  output: () => string,
  stop: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!running(child)) {
      await stop();
      throw new Error(`Ponte exited before it was ready (code ${child.exitCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Ponte did not answer /readyz within 3 minutes:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
