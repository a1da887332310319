// The `progressive-profile` bin: `validate FILE.json …` and `schema`. Bundled by vite into
// dist/cli.mjs (scripts/build.mjs also runs `schema` to write dist/schema.json). The work is in
// runCli(), which takes its file reader and output streams, so tests drive it without a shell.
import { readFile } from "node:fs/promises";
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateJsonText } from "./config/source-map";
import { configJsonSchema } from "./config/json-schema";
import { suggest } from "./config/config-error";
import { errorMessage } from "./errors";
import { isIsoDate } from "./core/answer-shapes";

/** The package's version: package.json sits one level up from both src/cli.ts and dist/cli.mjs. */
function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    return typeof pkg === "object" && pkg !== null && "version" in pkg ? String(pkg.version) : "unknown";
  } catch {
    return "unknown";
  }
}
const version = packageVersion();

export interface CliIo {
  readFile(path: string): string | Promise<string>;
  /** Writes one line (without its newline). */
  stdout(line: string): void;
  stderr(line: string): void;
}

export const USAGE = `progressive-profile ${version}: check progressive-profile config files

Usage:
  progressive-profile validate [--origin ORIGIN] [--today YYYY-MM-DD] FILE.json [FILE2.json …]
      Checks each config. Prints "FILE: ok", or one line per problem:
      FILE:LINE:COLUMN: path: message
      A valid config may get warnings (a showIf that can never be true, a pattern that
      matches nothing or can freeze the page, keys that differ only in case), one line
      each, before its "ok":
      FILE:LINE:COLUMN: warning: path: message
      --origin   the page's origin (https://shop.example.com): absolute URLs on it count as same-origin
      --today    the date "today" stands for in date bounds (default: today)
  progressive-profile schema
      Prints the config's JSON Schema (the same as progressive-profile/schema.json).
  progressive-profile --help | --version

Exit status: 0 all files good, 1 a file has problems or cannot be read, 2 wrong usage.`;

const COMMANDS = ["validate", "schema", "help"];

const isHelp = (arg: string) => arg === "--help" || arg === "-h";

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(io, "expected a command");
  // Help asked for anywhere before "--" (`validate --help`) is help, not a wrong option.
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  if (isHelp(command) || command === "help" || (COMMANDS.includes(command) && options.some(isHelp))) {
    io.stdout(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    io.stdout(version);
    return 0;
  }
  if (command === "schema") {
    if (rest.length) return usageError(io, `schema takes no arguments, found ${rest.join(" ")}`);
    io.stdout(JSON.stringify(configJsonSchema(), null, 2));
    return 0;
  }
  if (command === "validate") return validateFiles(rest, io);
  const hint = suggest(command, COMMANDS);
  return usageError(io, `unknown command "${command}"${hint ? `; did you mean "${hint}"?` : ""}`);
}

function usageError(io: CliIo, problem: string): number {
  io.stderr(`progressive-profile: ${problem}`);
  io.stderr('Run "progressive-profile --help" for usage.');
  return 2;
}

async function validateFiles(args: readonly string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  const options: { pageOrigin?: string; today?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-")) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== "--origin" && flag !== "--today") return usageError(io, `unknown option ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (!value) return usageError(io, `${flag} needs a value`);
    if (flag === "--origin") {
      const origin = originOf(value);
      if (!origin) return usageError(io, `--origin expects the page's origin, such as https://shop.example.com, found "${value}"`);
      options.pageOrigin = origin;
    } else if (isIsoDate(value)) options.today = value;
    else return usageError(io, `--today expects a date as YYYY-MM-DD, found "${value}"`);
  }
  if (!files.length) return usageError(io, "validate needs at least one FILE.json");

  let status = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.stderr(`${file}: cannot read it: ${readProblem(e)}`);
      status = 1;
      continue;
    }
    const result = validateJsonText(text, options);
    if (result.ok) {
      // Valid, so the exit status stays 0; each warning says what will not work as written.
      for (const w of result.warnings) io.stdout(`${file}:${w.line}:${w.column}: warning: ${w.path}: ${w.message}`);
      io.stdout(`${file}: ok${result.warnings.length ? ` (${result.warnings.length} warning${result.warnings.length > 1 ? "s" : ""})` : ""}`);
      continue;
    }
    status = 1;
    // A problem with the whole config still fills the path's place, so every line reads alike;
    // malformed JSON has no path ("invalid JSON: …" stands in its place).
    for (const e of result.errors) {
      const path = e.pathSegments ? `${e.path || "(root)"}: ` : "";
      io.stdout(`${file}:${e.line}:${e.column}: ${path}${e.message}`);
    }
  }
  return status;
}

/** The origin of an http(s) URL ("https://shop.example.com/a" → "https://shop.example.com"), else null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * A config file's text. JSON is UTF-8 (RFC 8259), and the browser reads the served config as
 * UTF-8 whatever it is: a file saved as UTF-16 or in a legacy encoding is said to be one here,
 * not shown as characters it does not hold ("�").
 */
export async function readConfigFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  // UTF-16 and UTF-32 put a zero byte beside every ASCII character, a byte order mark or not;
  // UTF-8 JSON has none (a NUL is never valid in JSON text).
  if (bytes.subarray(0, 4).includes(0) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error("it is UTF-16 or UTF-32 text; save it as UTF-8, as JSON is");
  }
  try {
    // A byte order mark stays: the JSON reader skips it, as a browser does.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error("it is not UTF-8 text (a legacy encoding such as Shift_JIS or Latin-1?); save it as UTF-8, as JSON is");
  }
}

function readProblem(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory, expected a JSON file";
  if (code === "EACCES") return "permission denied";
  return errorMessage(e);
}

// `progressive-profile validate *.json | head`: once the reader has closed the pipe, what is left
// to print goes nowhere, and the check still runs to the end for its exit code (1 if any file
// has a problem), which `set -o pipefail` in CI reads.
let readerGone = false;
const nodeIo: CliIo = {
  readFile: readConfigFile,
  stdout: (line) => void (readerGone || process.stdout.write(`${line}\n`)),
  stderr: (line) => void process.stderr.write(`${line}\n`),
};

/** True when this module is the program node was started with (not when a test imports it). */
function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // A closed pipe is the reader being done, not an error (`progressive-profile schema | head`).
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    readerGone = true;
  });
  void runCli(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
