// showIf's "in" and "answered": false forms in a real browser (SPEC §4, §5.2): a follow-up joins
// the visit for some answers and not others, and another only when its question is skipped.
// ("answered": true, in the B2B example's third visit: widget-flow.spec.ts.)
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { askOnly, deliveredCount, visitHost } from "./support/widget";

const config = askOnly({
  plan: {
    type: "select",
    label: "Plan",
    options: [
      { value: "free", label: "Free" },
      { value: "team", label: "Team" },
      { value: "business", label: "Business" },
    ],
  },
  seats: { type: "number", label: "Seats", integer: true, showIf: { question: "plan", in: ["team", "business"] } },
  why: { type: "text", label: "What would help you choose a plan?", showIf: { question: "plan", answered: false } },
});

/** Next, or Submit on what the form takes for its last step. */
const advance = (page: Page) => page.getByRole("button", { name: /^(Next|Submit)$/ }).click();

test('showIf "in": a plan in the list brings its follow-up, a plan outside it does not', async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { config, user: "u_team" });
  await page.getByRole("combobox", { name: "Plan" }).selectOption("team");
  await advance(page);
  await page.getByLabel("Seats").fill("12");
  await advance(page);
  await expect(page.getByLabel("Seats")).toHaveCount(0);
  await expect(page.getByLabel("What would help you choose a plan?")).toHaveCount(0);

  await visitHost(page, hostPage, backend, { config, user: "u_free" });
  await page.getByRole("combobox", { name: "Plan" }).selectOption("free");
  await advance(page);
  await expect(page.getByRole("combobox", { name: "Plan" })).toHaveCount(0);
  await expect(page.getByLabel("Seats")).toHaveCount(0);
  await expect(page.getByLabel("What would help you choose a plan?")).toHaveCount(0);

  const delivered = await deliveredCount(backend, 3, page);
  expect(delivered.map((m) => [m.userId, m.answers, m.skipped])).toEqual([
    ["u_team", { plan: "team" }, []],
    ["u_team", { seats: 12 }, []],
    ["u_free", { plan: "free" }, []],
  ]);
});

test('showIf "answered": false: the follow-up is asked only when its question is skipped', async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { config, user: "u_skips" });
  await expect(page.getByRole("combobox", { name: "Plan" })).toBeVisible();
  await expect(page.getByLabel("What would help you choose a plan?")).toHaveCount(0);
  await page.getByRole("button", { name: "Skip", exact: true }).click();
  await page.getByLabel("What would help you choose a plan?").fill("A price list");
  await advance(page);
  await expect(page.getByLabel("What would help you choose a plan?")).toHaveCount(0);
  await expect(page.getByLabel("Seats")).toHaveCount(0);

  const [message] = await deliveredCount(backend, 1, page);
  expect([message!.answers, message!.skipped]).toEqual([{ why: "A price list" }, ["plan"]]);
});

test("Back and a changed answer that hides a follow-up already answered: the form goes on without it", async ({ page, hostPage, backend }) => {
  const branching = askOnly({
    team: { type: "radio", label: "Do you work in a team?", required: true, options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] },
    size: { type: "number", label: "How many people?", showIf: { question: "team", equals: "yes" } },
    role: { type: "text", label: "Your role" },
  });
  await visitHost(page, hostPage, backend, { config: branching, user: "u_back_change" });
  await page.getByRole("radio", { name: "Yes" }).check();
  await advance(page);
  await page.getByLabel("How many people?").fill("12");
  await advance(page);
  await expect(page.getByText("3 / 3", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await page.getByRole("radio", { name: "No" }).check();
  await advance(page);
  await expect(page.getByLabel("Your role")).toBeVisible();
  await expect(page.getByText("2 / 2", { exact: true })).toBeVisible();
  await page.getByLabel("Your role").fill("Editor");
  await advance(page);
  const delivered = await deliveredCount(backend, 4, page);
  expect(delivered.map((m) => m.answers)).toEqual([{ team: "yes" }, { size: 12 }, { team: "no" }, { role: "Editor" }]);
});

test("a follow-up on the answer being chosen counts in the progress at once, and the button says Next, not Submit", async ({ page, hostPage, backend }) => {
  const options = [{ value: "a", label: "Agency" }, { value: "b", label: "Brand" }];
  const roleThenTeam = askOnly({
    role: { type: "radio", label: "Role", required: true, options },
    team: { type: "text", label: "Team size", showIf: { question: "role", equals: "a" } },
  });
  await visitHost(page, hostPage, backend, { config: roleThenTeam });
  const progress = page.getByRole("status");
  const submit = page.getByRole("button", { name: "Submit", exact: true });
  const next = page.getByRole("button", { name: "Next", exact: true });
  await expect(progress).toHaveText("1 / 1");
  await expect(submit).toBeVisible();
  await page.getByRole("radio", { name: "Agency" }).check();
  await expect(progress).toHaveText("1 / 2");
  await expect(submit).toHaveCount(0);
  await page.getByRole("radio", { name: "Brand" }).check();
  await expect(progress).toHaveText("1 / 1");
  await page.getByRole("radio", { name: "Agency" }).check();
  await next.click();
  await expect(page.getByRole("textbox", { name: "Team size" })).toBeFocused();
  await expect(progress).toHaveText("2 / 2");
  // Back, and the other answer: this step is the last again, and Submit ends the form.
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await page.getByRole("radio", { name: "Brand" }).check();
  await expect(progress).toHaveText("1 / 1");
  await submit.click();
  await expect(page.getByRole("radio", { name: "Brand" })).toHaveCount(0);
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ role: "a" }, { role: "b" }]);
});
