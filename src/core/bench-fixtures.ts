// Generated inputs for `npm run bench` (plan() on a 1,000-question / 100-stage config must take
// ≤ 2 ms) and for the plan property tests. Deterministic: same arguments, same objects.
import type { ConfigInput } from "../config/schema";
import type { PersonState } from "./types";

type QuestionInput = ConfigInput["questions"][string];

const OPTIONS = [
  { value: "a", label: "A" },
  { value: "b", label: "B" },
  { value: "c", label: "C" },
];

/**
 * Question n: the types rotate over eight, and three in eight have a showIf: q(8k+2) and
 * q(8k+6) on the question before, q(8k+7) on the one four before.
 */
function question(n: number): QuestionInput {
  const previous = `q${n - 1}`;
  switch (n % 8) {
    case 0:
      return { type: "text", label: `Q${n}`, maxLength: 100 };
    case 1:
      return { type: "select", label: `Q${n}`, options: OPTIONS };
    case 2:
      // q(8k+1) is a select: equals on its value.
      return { type: "number", label: `Q${n}`, min: 0, showIf: { question: previous, equals: "a" } };
    case 3:
      return { type: "multiselect", label: `Q${n}`, options: OPTIONS, maxSelected: 2 };
    case 4:
      return { type: "email", label: `Q${n}`, required: true };
    case 5:
      return { type: "date", label: `Q${n}`, max: "today" };
    case 6:
      return { type: "radio", label: `Q${n}`, options: OPTIONS, showIf: { question: previous, answered: true } };
    default:
      // q(8k+3) is a multiselect: `in` on its choices.
      return { type: "consent", label: `Q${n}`, showIf: { question: `q${n - 4}`, in: ["b", "c"] } };
  }
}

/**
 * A valid config with `questions` questions spread evenly over `stages` stages (stage s is due
 * at visit s + 1; every tenth stage also on event `e<s>`). A showIf only ever points at an
 * earlier question, so validation's ordering rule holds.
 */
export function makeBenchConfig(questions: number, stages: number): ConfigInput {
  const stageCount = Math.max(1, Math.min(stages, questions));
  const asks: string[][] = Array.from({ length: stageCount }, () => []);
  const all: Record<string, QuestionInput> = {};
  for (let n = 0; n < questions; n++) {
    const id = `q${n}`;
    all[id] = question(n);
    asks[Math.floor((n * stageCount) / questions)]?.push(id);
  }
  return {
    id: "bench",
    version: 1,
    endpoint: "/api/profile",
    maxQuestionsPerVisit: 5,
    snoozeVisits: 2,
    stages: asks.map((ask, s) => ({ when: s % 10 === 9 ? { visit: s + 1, event: `e${s}` } : { visit: s + 1 }, ask })),
    questions: all,
  };
}

/**
 * A person in the middle of a long history: at visit `visit`, every third question answered
 * (values kept, so showIf has something to read), every seventh snoozed recently, two events
 * tracked, and two questions already answered in this visit.
 */
export function makeBenchPerson(config: Pick<ConfigInput, "questions">, visit: number): PersonState {
  const ids = Object.keys(config.questions);
  const answers: PersonState["answers"] = {};
  const snoozes: PersonState["snoozes"] = {};
  ids.forEach((id, n) => {
    if (n % 3 === 0) answers[id] = { value: n % 8 === 1 ? "a" : n % 8 === 3 ? ["b"] : "x", visit: Math.max(1, visit - 1), at: n, delivered: true };
    else if (n % 7 === 0) snoozes[id] = Math.max(1, visit - 1);
  });
  const current = ids.filter((_, n) => n % 3 === 1).slice(0, 2);
  for (const id of current) answers[id] = { value: "x", visit, at: 10_000, delivered: false };
  return {
    anonymousId: "a_bench",
    userId: null,
    visit,
    lastActivityAt: 1,
    answers,
    snoozes,
    events: { e9: 1, e49: 2 },
    session: { visit, current: null, drafts: {}, asked: current, pendingSkipped: [], dismissed: false },
  };
}
