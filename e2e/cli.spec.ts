// The built bin (dist/cli.mjs) as a shell runs it, for what runCli()'s unit tests cannot see:
// the process's exit code when its reader closes the pipe early.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "./fixtures";

const CLI = new URL("../dist/cli.mjs", import.meta.url).pathname;

/** Runs the bin, reads its first chunk of output, then closes the pipe (as `| head -1` does). */
function runAndCloseEarly(args: string[]): Promise<{ first: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let first = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8").split("\n")[0]!;
      child.stdout.destroy();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ first, code }));
  });
}

test("validate piped into a reader that stops early (| head) still exits 1 when a file has problems", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pp-cli-pipe-"));
  try {
    // Enough files that the output outgrows the pipe's buffer after the reader has gone.
    const files = Array.from({ length: 400 }, (_, i) => {
      const file = join(dir, `broken-${i}.json`);
      writeFileSync(file, JSON.stringify({ id: "Not An Id", version: 0, stages: "x", questions: [] }, null, 2));
      return file;
    });
    const { first, code } = await runAndCloseEarly(["validate", ...files]);
    expect(first).toContain("broken-0.json:");
    expect(code).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
