// The stepper's state and actions as signals, apart from any component: which step is on
// screen, what was typed, which error shows, whether a save is pending or failed. The host
// (the orchestrator) makes answers durable; the model only moves on once it has.
import { batch, signal, type ReadonlySignal, type Signal } from "@preact/signals-core";
import type { Config, Question } from "../config/schema";
import { checkAnswer } from "../core/answers";
import type { AnswerCheck, AnswerError, AnswerValue, Answers } from "../core/types";
import { toRaw, type Raw } from "./raw";

/**
 * This visit's steps as the host plans them after a write; `done`, when given: how many of the
 * first are answered or skipped in this visit (the rest are still to ask).
 */
export type Steps = string[] & { done?: number };

export interface StepperHost {
  /**
   * Makes the answer durable (null: nothing was entered in an optional question, recorded as a
   * skip) and resolves with this visit's steps; rejects if the write failed.
   */
  submit(questionId: string, value: AnswerValue | null): Promise<Steps>;
  /** Records a skip durably and resolves with this visit's steps; rejects if the write failed. */
  skip(questionId: string): Promise<Steps>;
  /** "Not now", close or Escape: snooze `steps`, the step on screen and those after it. */
  dismiss(steps: string[]): Promise<void>;
  /** Every change of a control, so a reload can restore it. */
  draft(questionId: string, raw: unknown): void;
  /**
   * This visit's steps if `questionId` were answered `value` now (null: skipped): a `showIf` on
   * it may add a follow-up or drop one.
   */
  preview(questionId: string, value: AnswerValue | null): readonly string[];
  /** Another step is on screen after Next, Skip or Back (not called for the first one). */
  step(index: number, questionId: string): void;
  /** The last step was submitted or skipped. */
  complete(): void;
  /** An answer or skip could not be made durable: the step stays, saying so; the page is told. */
  saveFailed(error: unknown): void;
}

/**
 * Where the form starts. The orchestrator plans `steps` from the validated config (every id
 * is a question of it, and there is at least one) and `index` is one of them.
 */
export interface StepperInit {
  steps: string[];
  index: number;
  /** How many of `steps` the person answered or skipped in this visit (the card may stand on one of them: Back, then a reload). */
  done?: number;
  drafts: Record<string, unknown>;
  values: Record<string, AnswerValue>;
  host: StepperHost;
  questions: Config["questions"];
  today: string;
}

type ById<T> = Readonly<Record<string, T | undefined>>;

/**
 * Signals for what the card renders; the functions read signals too, so a component calling
 * them re-renders when their answer changes. Until `closed`, a step is always on screen.
 */
export interface StepperModel {
  readonly steps: ReadonlySignal<readonly string[]>;
  readonly index: ReadonlySignal<number>;
  /**
   * How many steps follow the one on screen as Next will find them: with the answer being given,
   * a follow-up on it (`showIf` equals / in) joins or leaves, so the count and Next / Submit say so.
   */
  ahead(): number;
  readonly errors: ReadonlySignal<ById<AnswerError>>;
  readonly saving: ReadonlySignal<boolean>;
  readonly saveFailed: ReadonlySignal<boolean>;
  /** Every step was submitted or skipped, or "Not now", close or Escape was used. */
  readonly closed: ReadonlySignal<boolean>;
  /** The person's current date (YYYY-MM-DD), for "today" in date bounds. */
  readonly today: string;
  currentId(): string;
  /** The question on screen; undefined only past the end of the list, when the form is closing. */
  question(): Question | undefined;
  /** The raw value of the control on screen: the typed draft, else the submitted answer (only while question() is defined). */
  raw(): Raw;
  /** The person has typed or chosen something in the step on screen that is not submitted yet. */
  typed(): boolean;
  input(raw: unknown): void;
  /**
   * Checks and submits the step. `unreadable`: the control holds something the browser cannot
   * give as a value (a half-typed date reads as ""), which must not pass for "no answer".
   */
  next(unreadable?: boolean): Promise<void>;
  back(): void;
  /**
   * The plan changed (track(), identify()): takes the new list in place when the steps up to
   * the one on screen are unchanged and the person still stands where the card does, so it
   * stays, with what was typed and the focus. `done`: how many steps of `list` the person has
   * answered or skipped in this visit; `answeredAt`: when the step on screen was answered, by
   * the person's record (epoch ms; undefined when it was skipped: a skip says not when). False
   * otherwise (the caller builds the card anew).
   */
  replan(list: readonly string[], done: number, answeredAt: number | undefined): boolean;
  skip(): Promise<void>;
  dismiss(): Promise<void>;
}

export function createStepperModel(init: StepperInit): StepperModel {
  const { host, questions, today } = init;
  const steps = signal<readonly string[]>(init.steps);
  const index = signal(init.index);
  const drafts = signal<ById<unknown>>(init.drafts);
  const values = signal<ById<AnswerValue>>(init.values);
  const errors = signal<ById<AnswerError>>({});
  const saving = signal(false);
  const saveFailed = signal(false);
  const closed = signal(false);

  const currentId = () => steps.value[index.value]!;
  const question = (): Question | undefined => questions[currentId()];
  // While a step saves, its field is being answered: what lands in it then (a key pressed right
  // after Enter, a box ticked) is no draft of the answer, which a reload would show on Back. It
  // is held, shown in the field, and is the field's draft if the save fails, since the step stays.
  const typedWhileSaving = signal<{ raw: unknown } | null>(null);
  // When each field was last changed here (epoch ms, as the record's answers): text typed after
  // an answer given elsewhere is the newer answer, text typed before it is not (replan).
  const typedAt: Record<string, number> = {};
  const raw = () => {
    const id = currentId();
    const draft = typedWhileSaving.value ? typedWhileSaving.value.raw : drafts.value[id];
    return toRaw(question()!, draft !== undefined ? draft : values.value[id]);
  };
  // Maps are replaced, never changed in place, so each change is a signal write.
  const put = <T>(map: Signal<ById<T>>, id: string, value: T | undefined) => {
    map.value = { ...map.value, [id]: value };
  };

  // Steps before `reached` were answered or skipped already: Next on such a step, untouched
  // since, moves on without a message. The answer is not sent a second time; and after a
  // reload the values of delivered ones are gone (SPEC §8), so Back shows them empty, and Next
  // must not turn an answered question into a skip (or ask it again).
  let reached = Math.max(index.value, init.done ?? 0);
  const leftAsItWas = (id: string) => index.value < reached && drafts.value[id] === undefined;

  const show = (at: number) => {
    index.value = at;
    reached = Math.max(reached, at);
    host.step(at, currentId());
  };

  const input = (next: unknown) => {
    if (closed.value) return;
    const id = currentId();
    // Also while the step saves: what is typed then is the field's draft if the save fails.
    typedAt[id] = Date.now();
    if (saving.value) return void (typedWhileSaving.value = { raw: next });
    batch(() => {
      put(drafts, id, next);
      // The person is fixing it: the old message would now be about a different value.
      put(errors, id, undefined);
    });
    host.draft(id, next);
  };

  // Runs one durable write; the step only changes once it resolved. Then: take the host's new
  // plan and stand after `id` in it. The plan may have grown or shrunk (showIf); if `id` left
  // it, what followed it slid into its place.
  const commit = async (id: string, write: () => Promise<Steps>, value: AnswerValue | null) => {
    saving.value = true;
    saveFailed.value = false;
    let list: Steps;
    // Awaited directly, not through .catch(): the host's complete() must run in the same
    // microtask turn as the write's other waiters (runtime.ts track() re-plans after it).
    try {
      list = await write();
    } catch (error) {
      // Not once the form was dismissed meanwhile: its drafts were put away with it.
      const late = closed.value ? null : typedWhileSaving.value;
      // One render, with what the field shows already: the control is not written to (its caret stays).
      batch(() => {
        saving.value = false;
        saveFailed.value = true;
        typedWhileSaving.value = null;
        if (late) put(drafts, id, late.raw);
      });
      host.saveFailed(error);
      if (late) host.draft(id, late.raw);
      return;
    }
    const at = list.indexOf(id);
    // The steps answered or skipped so far: the host knows them (`done`: a follow-up the answer
    // revealed again after a reload was answered before it). Else, the new list may have lost
    // some of them (a showIf the answer hid) or gained a new one among them (one it revealed):
    // `reached` becomes the count of its first steps that the person has been past.
    const past = new Set(steps.value.slice(0, reached));
    // One render for the lot (the card renders on every signal write otherwise); the host is
    // called outside it, since its complete() takes the card away.
    batch(() => {
      saving.value = false;
      typedWhileSaving.value = null;
      put(drafts, id, undefined);
      put(values, id, value ?? undefined);
      steps.value = list;
    });
    if (list.done !== undefined) reached = list.done;
    else for (reached = 0; reached < list.length && past.has(list[reached]!); ) reached++;
    moveTo(at >= 0 ? at + 1 : Math.min(index.value, list.length));
  };

  /** On to step `at`, or, past the last one, the form is complete. */
  const moveTo = (at: number) => {
    if (at < steps.value.length) show(at);
    else {
      closed.value = true;
      host.complete();
    }
  };

  const busy = () => saving.value || closed.value;
  const typed = () => typedWhileSaving.value !== null || drafts.value[currentId()] !== undefined;

  const skip = async () => {
    if (busy() || question()!.required) return;
    const id = currentId();
    put(errors, id, undefined);
    // A step answered or skipped already in this visit (Back) stays so: Skip sends nothing (an
    // answered question is no skip) and puts away what was typed into it since.
    if (index.value < reached) {
      if (drafts.value[id] !== undefined) put(drafts, id, undefined), host.draft(id, undefined);
      return moveTo(index.value + 1);
    }
    await commit(id, () => host.skip(id), null);
  };

  return {
    steps,
    index,
    // Worked out as the card renders (it reads the signals raw() does), so what a reload restored,
    // or a re-plan kept in the field, counts too.
    ahead() {
      const id = currentId();
      const check = typed() && checkAnswer(question()!, raw(), { today });
      // An answer cleared on a step behind the person is no skip: Next moves on (skip()).
      const list = check && check.ok && (index.value >= reached || check.value !== null) && host.preview(id, check.value);
      return list ? list.length - list.indexOf(id) - 1 : steps.value.length - index.value - 1;
    },
    errors,
    saving,
    saveFailed,
    closed,
    today,
    currentId,
    question,
    raw,
    typed,
    input,
    async next(unreadable) {
      // Until closed, a step of the list is on screen: commit() closes the form rather than stand past its end.
      if (busy()) return;
      const id = currentId();
      const q = question()!;
      if (!unreadable && leftAsItWas(id)) return moveTo(index.value + 1);
      const check: AnswerCheck = unreadable ? { ok: false, error: { code: "date" } } : checkAnswer(q, raw(), { today });
      put(errors, id, check.ok ? undefined : check.error);
      // An answer cleared on a step behind the person (Back) is what Skip does there: no skip.
      if (check.ok) await (check.value === null && index.value < reached ? skip() : commit(id, () => host.submit(id, check.value), check.value));
    },
    back() {
      if (busy() || index.value === 0) return;
      saveFailed.value = false;
      show(index.value - 1);
    },
    replan(list, done, answeredAt) {
      const at = index.value;
      // The step on screen must be the person's next one, or one this card went past (Back), is
      // saving or has had text typed in since it was answered elsewhere (their newer answer):
      // after identify() the user may have answered it elsewhere, or another user may not have
      // answered the steps before it. Text typed before that answer (in a tab the person has just
      // come back to) is not kept, nor a draft restored on load (typed when, it does not say), nor
      // text on a step skipped elsewhere: undefined on either side compares false.
      const stillTheirs = at === done || (at < done && (at < reached || saving.value || answeredAt! < typedAt[currentId()]!));
      if (closed.value || !stillTheirs || list.slice(0, at + 1).join() !== steps.value.slice(0, at + 1).join()) return false;
      steps.value = list;
      // Those passed are the list's first `done` now: a step behind the person may have left it
      // (a showIf the new plan hides), and one still to answer moved up into its place.
      reached = done;
      return true;
    },
    skip,
    async dismiss() {
      if (closed.value) return;
      const fromOnScreen = steps.value.slice(index.value);
      closed.value = true;
      // The form goes away at once; snoozing is the host's job and its failures its to report.
      await host.dismiss(fromOnScreen).catch(() => undefined);
    },
  };
}

/**
 * The control on screen holds what `answers` gives its question, read as its answer would be
 * ("42.0" is 42, "Ada " is "Ada"): pressing Next would send the same again. For a model on
 * screen, which stands on a step of its list.
 */
export function holdsAnswerOf(model: StepperModel, answers: Answers): boolean {
  const id = model.currentId();
  const check = checkAnswer(model.question()!, model.raw(), { today: model.today });
  return check.ok && Object.hasOwn(answers, id) && JSON.stringify(check.value) === JSON.stringify(answers[id]);
}
