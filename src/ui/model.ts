// The stepper's state and actions as signals, apart from any component: which step is on
// screen, what was typed, which error shows, whether a save is pending or failed. The host
// (the orchestrator) makes answers durable; the model only moves on once it has.
import { batch, computed, signal, type ReadonlySignal } from "@preact/signals";
import type { Config, Question } from "../config/schema";
import { checkAnswer } from "../core/answers";
import type { AnswerError, AnswerValue } from "../core/types";
import { rawFor, type Raw } from "./raw";

export interface StepperHost {
  /** Makes the answer durable and resolves with this visit's steps; rejects if the write failed. */
  submit(questionId: string, value: AnswerValue | null): Promise<string[]>;
  /** Records a skip durably and resolves with this visit's steps; rejects if the write failed. */
  skip(questionId: string): Promise<string[]>;
  /** "Not now", close or Escape: snooze what remains. */
  dismiss(onScreen: string | null): Promise<void>;
  /** Every change of a control, so a reload can restore it. */
  draft(questionId: string, raw: unknown): void;
  /** Another step is on screen after Next, Skip or Back (not called for the first one). */
  step(index: number, questionId: string): void;
  /** The last step was submitted or skipped. */
  complete(): void;
}

export interface StepperInit {
  steps: string[];
  index: number;
  drafts: Record<string, unknown>;
  values: Record<string, AnswerValue>;
  host: StepperHost;
  questions: Config["questions"];
  today: string;
}

export interface StepperModel {
  readonly steps: ReadonlySignal<readonly string[]>;
  readonly index: ReadonlySignal<number>;
  readonly currentId: ReadonlySignal<string | null>;
  readonly question: ReadonlySignal<Question | null>;
  /** The raw value of the control on screen. */
  readonly raw: ReadonlySignal<Raw>;
  readonly drafts: ReadonlySignal<Readonly<Record<string, unknown>>>;
  readonly errors: ReadonlySignal<Readonly<Record<string, AnswerError>>>;
  readonly saving: ReadonlySignal<boolean>;
  readonly saveFailed: ReadonlySignal<boolean>;
  /** Every step was submitted or skipped. */
  readonly done: ReadonlySignal<boolean>;
  /** "Not now", close or Escape was used. */
  readonly dismissed: ReadonlySignal<boolean>;
  /** done or dismissed: nothing more to show. */
  readonly closed: ReadonlySignal<boolean>;
  readonly isLast: ReadonlySignal<boolean>;
  readonly canSkip: ReadonlySignal<boolean>;
  /** The person's current date (YYYY-MM-DD), for "today" in date bounds. */
  readonly today: string;
  input(raw: unknown): void;
  next(): Promise<void>;
  back(): void;
  skip(): Promise<void>;
  dismiss(): Promise<void>;
}

export function createStepperModel(init: StepperInit): StepperModel {
  const { host, questions, today } = init;
  // Ids the config does not know cannot be shown; dropping them keeps index and total honest.
  const known = (ids: readonly string[]) => ids.filter((id) => questions[id] !== undefined);
  const steps = signal<readonly string[]>(known(init.steps));
  const index = signal(Math.max(0, Math.min(init.index, steps.value.length - 1)));
  const drafts = signal<Readonly<Record<string, unknown>>>({ ...init.drafts });
  const values = signal<Readonly<Record<string, AnswerValue>>>({ ...init.values });
  const errors = signal<Readonly<Record<string, AnswerError>>>({});
  const saving = signal(false);
  const saveFailed = signal(false);
  const done = signal(false);
  const dismissed = signal(false);

  const currentId = computed(() => steps.value[index.value] ?? null);
  const question = computed(() => (currentId.value === null ? null : (questions[currentId.value] ?? null)));
  const raw = computed<Raw>(() => {
    const id = currentId.value;
    const q = question.value;
    return q && id ? rawFor(q, drafts.value[id], values.value[id]) : "";
  });
  const closed = computed(() => done.value || dismissed.value);
  const isLast = computed(() => index.value >= steps.value.length - 1);
  const canSkip = computed(() => question.value !== null && !question.value.required);

  const without = <T>(map: Readonly<Record<string, T>>, id: string): Record<string, T> => {
    const copy = { ...map };
    delete copy[id];
    return copy;
  };

  // Steps before `reached` were answered or skipped already. After a reload the values of the
  // delivered ones are gone (SPEC §8), so Back shows them empty: Next on such an untouched
  // step moves on rather than turning an answered question into a skip (or asking again).
  let reached = index.value;
  const leftAsItWas = (id: string) => index.value < reached && drafts.value[id] === undefined && values.value[id] === undefined;

  const announce = () => {
    const id = currentId.value;
    if (id !== null) host.step(index.value, id);
  };

  // After a durable submit/skip: take the host's new plan and stand after `id` in it. The plan
  // may have grown or shrunk (showIf); if `id` left it, what followed it slid into its place.
  const advance = (id: string, list: string[]) => {
    const fresh = known(list);
    const at = fresh.indexOf(id);
    const nextIndex = at >= 0 ? at + 1 : Math.min(index.value, fresh.length);
    steps.value = fresh;
    if (nextIndex >= fresh.length) {
      done.value = true;
      host.complete();
    } else {
      index.value = nextIndex;
      reached = Math.max(reached, nextIndex);
      announce();
    }
  };

  // Runs one durable write; the step only changes once it resolved.
  const commit = async (id: string, write: () => Promise<string[]>, value: AnswerValue | null) => {
    batch(() => {
      saving.value = true;
      saveFailed.value = false;
    });
    let list: string[];
    try {
      list = await write();
    } catch {
      batch(() => {
        saving.value = false;
        saveFailed.value = true;
      });
      return;
    }
    batch(() => {
      saving.value = false;
      drafts.value = without(drafts.value, id);
      values.value = value === null ? without(values.value, id) : { ...values.value, [id]: value };
      advance(id, list);
    });
  };

  const busy = () => saving.value || closed.value;

  const model: StepperModel = {
    steps,
    index,
    currentId,
    question,
    raw,
    drafts,
    errors,
    saving,
    saveFailed,
    done,
    dismissed,
    closed,
    isLast,
    canSkip,
    today,
    input(next) {
      const id = currentId.value;
      if (id === null || closed.value) return;
      batch(() => {
        drafts.value = { ...drafts.value, [id]: next };
        // The person is fixing it: the old message would now be about a different value.
        if (errors.value[id]) errors.value = without(errors.value, id);
      });
      host.draft(id, next);
    },
    async next() {
      const id = currentId.value;
      const q = question.value;
      if (id === null || q === null || busy()) return;
      if (leftAsItWas(id)) {
        index.value += 1;
        announce();
        return;
      }
      const check = checkAnswer(q, raw.value, { today });
      if (!check.ok) {
        errors.value = { ...errors.value, [id]: check.error };
        return;
      }
      if (errors.value[id]) errors.value = without(errors.value, id);
      await commit(id, () => host.submit(id, check.value), check.value);
    },
    back() {
      if (busy() || index.value === 0) return;
      batch(() => {
        saveFailed.value = false;
        index.value -= 1;
      });
      announce();
    },
    async skip() {
      const id = currentId.value;
      if (id === null || !canSkip.value || busy()) return;
      errors.value = without(errors.value, id);
      await commit(id, () => host.skip(id), null);
    },
    async dismiss() {
      if (closed.value) return;
      const onScreen = currentId.value;
      dismissed.value = true;
      // The form goes away at once; snoozing is the host's job and its failures its to report.
      await host.dismiss(onScreen).catch(() => undefined);
    },
  };
  return model;
}
