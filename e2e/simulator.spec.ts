// The visitor simulator on the real demo server, as a marketer uses it: the example's plan
// visit by visit with the core's reasons, a broken config's problems (the CLI's own lines,
// marked in the editor), and the real widget previewed for a visit in Japanese.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./fixtures";

test.use({ baseURL: "http://127.0.0.1:4320" });

const EXAMPLE = readFileSync(new URL("../demo/public/questions.json", import.meta.url), "utf8");
const CLI = new URL("../dist/cli.mjs", import.meta.url).pathname;

const visit = (page: Page, n: number) => page.getByRole("region", { name: `Visit ${n}`, exact: true });
const asked = (region: Locator, n: number) => region.getByRole("list", { name: `Asked at visit ${n}` }).getByRole("listitem");
/** The "Not asked" table as { question: [reason, why] }. */
async function notAsked(region: Locator): Promise<Record<string, [string, string]>> {
  const out: Record<string, [string, string]> = {};
  for (const row of await region.locator("table.why tbody tr").all()) {
    const [question, reason, why] = await Promise.all([row.locator("th").innerText(), row.locator("td").nth(0).innerText(), row.locator("td").nth(1).innerText()]);
    out[question] = [reason, why];
  }
  return out;
}
const editor = (page: Page) => page.getByRole("textbox", { name: /Question-sequence JSON/ });

async function openSimulator(page: Page) {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/simulator");
  await expect(page.getByRole("status").filter({ hasText: "No problems" })).toContainText("8 questions in 3 stages");
}

test("the example's plan for visits 1–3, with the reason each other question is not asked", async ({ page, consoleErrors }) => {
  await openSimulator(page);
  await expect(asked(visit(page, 1), 1)).toHaveText(["Name (name)", "Email address (email)"]);
  await expect(asked(visit(page, 2), 2)).toHaveText(["Address (address)", "Birthday (birthday)", "Phone number (phone)"]);
  await expect(asked(visit(page, 3), 3)).toHaveText(["Company (company)", "Number of employees (employees)", "Industry (industry)"]);

  const first = await notAsked(visit(page, 1));
  expect(first["Address (address)"]).toEqual(["not due", "Not due yet: its stage starts at visit 2 or after a “purchase” event."]);
  expect(first["Industry (industry)"]).toEqual(["not due", "Not due yet: its stage starts at visit 3."]);
  const second = await notAsked(visit(page, 2));
  expect(second["Email address (email)"]).toEqual(["answered", "Answered at visit 1."]);
  expect(Object.keys(second)).toHaveLength(5);
  const third = await notAsked(visit(page, 3));
  expect(third["Phone number (phone)"]).toEqual(["answered", "Answered at visit 2."]);
  expect(consoleErrors).toEqual([]);
});

test("a purchase at visit 1 brings the address forward; the rest waits over budget", async ({ page }) => {
  await openSimulator(page);
  await visit(page, 1).getByLabel("“purchase” event at visit 1").check();
  await expect(asked(visit(page, 1), 1)).toHaveText(["Name (name)", "Email address (email)", "Address (address)"]);
  expect((await notAsked(visit(page, 1)))["Birthday (birthday)"]).toEqual([
    "over budget",
    "Due, but this visit already asks 3 (maxQuestionsPerVisit); asked at visit 2.",
  ]);
  await expect(asked(visit(page, 2), 2)).toHaveText(["Birthday (birthday)", "Phone number (phone)"]);
});

test("what the CRM knows is never asked, and reveals what depends on it", async ({ page }) => {
  await openSimulator(page);
  await page.getByText("Known from the CRM").click();
  await page.getByLabel("Company (company)").fill("Acme KK");
  await expect(asked(visit(page, 3), 3)).toHaveText(["Number of employees (employees)", "Industry (industry)"]);
  expect((await notAsked(visit(page, 1)))["Company (company)"]).toEqual(["known", "Already known from the CRM, so it is never asked."]);
});

/**
 * The CLI's FILE:LINE:COLUMN: lines for `text` (those whose message starts with `kind`: "" for
 * problems, "warning: " for warnings), as the simulator lists them: "Line L, column C message".
 */
function cliLines(text: string, kind: "" | "warning: "): string[] {
  const dir = mkdtempSync(join(tmpdir(), "pp-sim-"));
  const file = join(dir, "questions.json");
  writeFileSync(file, text);
  let cli: string;
  try {
    cli = execFileSync(process.execPath, [CLI, "validate", file], { encoding: "utf8" });
  } catch (error) {
    cli = String((error as { stdout?: string }).stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cli
    .trim()
    .split("\n")
    .map((line) => new RegExp(`^:(\\d+):(\\d+): ${kind}(?!warning: )(.*)$`).exec(line.slice(file.length)))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, line, column, rest]) => `Line ${line}, column ${column} ${rest}`);
}

test("a broken config lists the CLI's own problems with line:column, and marks those lines", async ({ page }) => {
  await openSimulator(page);
  const broken = EXAMPLE.replace('"phone"] }', '"phon"] }').replace('"maxQuestionsPerVisit": 3', '"maxQuestionPerVisit": 3');
  await editor(page).fill(broken);

  // The CLI on the same text: its FILE:LINE:COLUMN: message lines are what the page must say.
  const expected = cliLines(broken, "");
  expect(expected).toHaveLength(2);
  const problems = page.getByRole("list", { name: "Problems" }).getByRole("listitem");
  await expect(problems).toHaveText(expected);
  await expect(problems.first()).toContainText('did you mean "maxQuestionsPerVisit"?');
  await expect(problems.nth(1)).toContainText('stages[1].ask[2]: "phon" is not a question');
  await expect(page.locator(".gutter .bad")).toHaveText(["6", "11"]);
  await expect(editor(page)).toHaveAttribute("aria-invalid", "true");
  // The timeline keeps the last valid config meanwhile.
  await expect(page.getByRole("status").filter({ hasText: "2 problems" })).toBeVisible();
  await expect(asked(visit(page, 2), 2)).toHaveCount(3);

  // Jumping to a problem selects its line in the editor.
  await problems.nth(1).getByRole("button", { name: "Line 11, column 83" }).click();
  await expect(editor(page)).toBeFocused();
  const selected = await editor(page).evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('"phon"] },');

  // Malformed JSON: one problem, at the stray comma.
  await editor(page).fill(EXAMPLE.replace('"snoozeVisits": 1,', '"snoozeVisits": 1,,'));
  await expect(problems).toHaveText(['Line 7, column 21 invalid JSON: unexpected ","; a value is missing before it']);
  await expect(page.locator(".gutter .bad")).toHaveText(["7"]);
});

test("a valid config with a showIf that can never be true: the CLI's warning, at its line and column, and the timeline still shown", async ({ page }) => {
  await openSimulator(page);
  const warned = EXAMPLE.replace('"showIf": { "question": "company", "answered": true }', '"showIf": { "question": "employees", "equals": "1000" }');
  expect(warned).not.toBe(EXAMPLE);
  await editor(page).fill(warned);
  const expected = cliLines(warned, "warning: ");
  expect(expected).toHaveLength(1);
  await expect(page.getByRole("list", { name: "Warnings" }).getByRole("listitem")).toHaveText(expected);
  await expect(page.getByRole("listitem").filter({ hasText: 'has no option "1000" (did you mean "1000+"?)' })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "1 warning: what will not work as written." })).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems" })).toHaveCount(0);
  await expect(asked(visit(page, 1), 1)).toHaveText(["Name (name)", "Email address (email)"]);
});

test("preview visit 3 in Japanese: the real form, delivering to the demo backend as “preview”", async ({ page, request }) => {
  await openSimulator(page);
  const preview = page.getByRole("region", { name: /Preview: the real form/ });
  await preview.getByLabel("Visit", { exact: true }).selectOption("3");
  await preview.getByLabel("日本語 (Japanese)").check();
  await expect(preview.getByRole("heading", { name: "Preview: the real form at visit 3" })).toBeVisible();
  const company = preview.getByRole("textbox", { name: "勤務先" });
  await company.fill("プレビュー株式会社");
  await preview.getByRole("button", { name: "次へ" }).click();
  await expect(preview.getByRole("combobox", { name: "従業員数" })).toBeVisible();
  await expect
    .poll(async () => {
      const { people } = (await (await request.get("/api/people")).json()) as { people: { person: string; traits: Record<string, unknown> }[] };
      return people.find((p) => p.person === "preview")?.traits.company;
    })
    .toBe("プレビュー株式会社");
});

test("the preview says when the form opens with fewer steps than the timeline asks (a showIf waiting for an answer of this visit)", async ({ page }) => {
  await openSimulator(page);
  const preview = page.getByRole("region", { name: /Preview: the real form/ });
  await preview.getByLabel("Visit", { exact: true }).selectOption("3");
  // industry follows company's being answered: it is in the form from the start.
  await expect(preview.getByText("The timeline says visit 3 asks 3 questions.", { exact: true })).toBeVisible();
  // Now it waits for a particular number of employees (the simulated person picks the first).
  await editor(page).fill(EXAMPLE.replace('"showIf": { "question": "company", "answered": true }', '"showIf": { "question": "employees", "equals": "1-29" }'));
  await expect(preview.getByText(/^The timeline says visit 3 asks 3 questions\. The form opens with 2 steps: /)).toBeVisible();
  await expect(preview.getByText("1 / 2")).toBeVisible();
});

test("axe is silent on the simulator, valid and broken", async ({ page, checkA11y }) => {
  await openSimulator(page);
  await expect(page.getByRole("region", { name: /Preview: the real form/ }).getByRole("textbox", { name: "Name" })).toBeVisible();
  await checkA11y(page, "simulator with the example");
  await page.getByText("Known from the CRM").click();
  await editor(page).fill(EXAMPLE.replace('"phone"] }', '"phon"] }'));
  await expect(page.getByRole("list", { name: "Problems" })).toBeVisible();
  await checkA11y(page, "simulator with a problem and the CRM fields open");
});
