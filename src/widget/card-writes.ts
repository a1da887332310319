// What the controls of the card on screen write: an answer or a skip (the outbox message
// first, then the person's record), "Not now", and what is typed, each in the person's write
// order (write-queue.ts) and only while the card still belongs to the user it was shown to.
// Which step is on screen is written at once, by the card on screen only.
import { leftBehindSkips, pendingSkips, putAwayBy, recordAnswer, recordDismiss, recordSkip, setCurrent, setDraft, skipsSent } from "../core/profile";
import { stepsOf } from "../core/plan";
import type { Answers, PersonState, Plan } from "../core/types";
import type { Emit } from "../events";
import type { StepperHost, Steps } from "../ui/model";
import type { Delivery } from "./delivery";
import type { DraftMirror } from "./draft-mirror";
import type { PersonHandle } from "./person";
import type { WriteQueue } from "./write-queue";

export interface CardWritesEnv {
  emit: Emit;
  person: PersonHandle;
  delivery: Delivery;
  drafts: DraftMirror;
  queue: WriteQueue;
  /** The config's questions. */
  questions: Record<string, unknown>;
  /** The plan for a state of the person (with what the host and the backend know). */
  planFor(p: PersonState): Plan;
  /** How many times identify() has switched from one user to another. */
  switches(): number;
  /** Whether forget() was called: nothing typed is kept after it. */
  forgotten(): boolean;
  /** Takes the card off the screen and drops it (the public close() only hides it). */
  unmountCard(): void;
}

export interface CardWrites {
  /**
   * The host of one card's model. A model that was replaced (track() reopened the form) may
   * still finish its last save; that save counts, but its later steps and completion are not
   * the page's any more, so `live()` keeps them from touching the form on screen.
   */
  hostFor(live: () => boolean): StepperHost;
  /**
   * Keeps what is typed into `questionId`: in the tab at once (draft-mirror.ts), and in the
   * person's record in turn, unless an identify() switched users in between.
   */
  saveDraft(questionId: string, raw: unknown): void;
  /**
   * Skips an earlier visit's page left behind (core `leftBehindSkips`), sent as a message of that
   * visit while the widget is `live` (not destroyed). Under `lock`, shared by the site's tabs,
   * with the record read again, so that two tabs opened together send them once.
   */
  sendLeftBehind(lock: (run: () => Promise<void>) => Promise<void>, live: () => boolean): Promise<void>;
}

export function createCardWrites(env: CardWritesEnv): CardWrites {
  const { person, queue, delivery, drafts, emit, planFor, switches, forgotten, unmountCard, questions } = env;
  const { inTurn } = queue;
  const currentSteps = (): Steps => {
    const p = planFor(person.state);
    return Object.assign(stepsOf(p), { done: p.askedThisVisit.length });
  };

  function saveDraft(questionId: string, raw: unknown) {
    const switchesThen = switches();
    const draft = { visit: person.state.visit, questionId, raw };
    const key = person.key;
    drafts.save(key, draft);
    inTurn(async () => {
      if (switchesThen === switches()) await person.change((p) => setDraft(p, questionId, raw));
      drafts.settled(key, draft);
    }).catch(queue.failed("A draft"));
  }

  async function send(answers: Answers, transition: (p: PersonState) => PersonState): Promise<void> {
    // The skips that go with this message are read from the record as it is now; the outbox
    // write comes first, and only once it is durable does the person record move on.
    const skipped = pendingSkips(transition(person.state), questions);
    if (Object.keys(answers).length === 0 && skipped.length === 0) {
      await person.change(transition);
      return;
    }
    await delivery.write(person.key, person.state, answers, skipped);
    await person.change((p) => skipsSent(transition(p), skipped));
  }

  /** "Not now" / close / Escape: the question on screen and those after it are snoozed. */
  async function dismissFrom(steps: string[], ours: () => boolean): Promise<void> {
    // The form is gone the moment the person dismisses it. What it snoozes is worked out in
    // turn, once an answer or a skip still being saved has landed: that one is not dismissed,
    // and its own event comes first.
    unmountCard();
    await inTurn(async () => {
      if (!ours()) return;
      const remaining = putAwayBy(person.state, steps);
      emit("dismiss", { questionIds: remaining });
      return send({}, (p) => recordDismiss(p, remaining));
    }).catch(queue.failed("The dismissal"));
  }

  const hostFor = (live: () => boolean): StepperHost => {
    // What is typed or pressed in a card is its user's: an identify() queued before the write's
    // turn may have switched to another user (a login, which takes the anonymous record in, is
    // no switch). Not sent, not stored, for nobody: the card is gone by then.
    const switchesThen = switches();
    const ours = () => switchesThen === switches();
    const host: StepperHost = {
      submit: (questionId, value) =>
        value === null
          ? host.skip(questionId)
          : inTurn(async () => {
              if (ours()) {
                await send({ [questionId]: value }, (p) => recordAnswer(p, questionId, value, Date.now()));
                emit("answer", { questionIds: [questionId] });
              }
              return currentSteps();
            }),
      skip: (questionId) =>
        inTurn(async () => {
          const skip = (p: PersonState) => recordSkip(p, [questionId]);
          if (ours()) {
            // A skip with nothing asked after it still reaches the backend, as a message with no answers.
            if (planFor(skip(person.state)).ask.length === 0) await send({}, skip);
            else await person.change(skip);
            emit("skip", { questionIds: [questionId] });
          }
          return currentSteps();
        }),
      saveFailed: queue.failed("A step"),
      async dismiss(steps) {
        if (live()) await dismissFrom(steps, ours);
      },
      draft(questionId, raw) {
        if (!forgotten() && ours()) saveDraft(questionId, raw);
      },
      preview: (questionId, value) =>
        stepsOf(planFor(value === null ? recordSkip(person.state, [questionId]) : recordAnswer(person.state, questionId, value, Date.now()))),
      step(index, questionId) {
        if (!live()) return;
        emit("step", { questionIds: [questionId], step: index });
        void person.change((p) => setCurrent(p, questionId)).catch(() => {});
      },
      complete() {
        if (!live()) return;
        const answeredThisVisit = Object.entries(person.state.answers)
          .filter(([, record]) => record.visit === person.state.visit)
          .map(([id]) => id);
        emit("complete", { questionIds: answeredThisVisit });
        void person.change((p) => setCurrent(p, null)).catch(() => {});
        unmountCard();
      },
    };
    return host;
  };

  // Most page views have none: then no lock is asked for and nothing is read, so the first show
  // does not wait (the record was read for this page view a moment ago).
  const sendLeftBehind: CardWrites["sendLeftBehind"] = async (lock, live) => {
    if (!leftBehindSkips(person.state, questions)) return;
    await inTurn(() =>
      lock(async () => {
        // As stored now: another tab may have sent them, or a login there taken this record in.
        const stored = live() && (await person.read(person.key));
        const left = stored && leftBehindSkips(stored, questions);
        if (!left) return;
        await delivery.write(person.key, stored, {}, left.skipped, left.visit);
        // Not the person's activity: their page view came before it.
        await person.change((p) => skipsSent(p, left.skipped), person.state.lastActivityAt);
      }),
    );
  };

  return { hostFor, saveDraft, sendLeftBehind };
}
