// The package's declarations as a Node ESM backend or a bundler project reads them (SPEC §2):
// a consumer project imports `mount`, `Widget`, `parseDelivery` from the built package and is
// type-checked with TypeScript, strict, under each module resolution. No browser involved.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test, expect } from "@playwright/test";

const root = resolve(import.meta.dirname, "..");

const consumer = `
import { mount, validate, type Widget } from "progressive-profile";
import { parseDelivery } from "progressive-profile/server";

export async function start(): Promise<Widget> {
  const widget = await mount({ config: "/questions.json", user: "u_1" });
  // @ts-expect-error track() takes an event name: the types are real, not \`any\`.
  await widget.track(42);
  return widget;
}

const checked = validate({});
export const paths: string[] = checked.ok ? [] : checked.errors.map((e) => e.path);

export function receive(body: string): string | null {
  const parsed = parseDelivery(body);
  // @ts-expect-error a parsed delivery is not a number.
  const wrong: number = parsed;
  void wrong;
  return parsed.ok ? parsed.message.messageId : null;
}
`;

for (const moduleResolution of ["nodenext", "bundler"] as const) {
  test(`the declarations type-check in a consumer project (moduleResolution: ${moduleResolution})`, () => {
    const dir = mkdtempSync(join(tmpdir(), "pp-consumer-"));
    try {
      mkdirSync(join(dir, "node_modules"));
      symlinkSync(root, join(dir, "node_modules", "progressive-profile"), "dir");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: "es2022",
            module: moduleResolution === "nodenext" ? "nodenext" : "esnext",
            moduleResolution,
            lib: ["es2022", "dom"],
            types: [],
          },
          files: ["index.ts"],
        }),
      );
      writeFileSync(join(dir, "index.ts"), consumer);
      let output = "";
      try {
        execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
