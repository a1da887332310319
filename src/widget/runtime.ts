// A mounted widget once its config is valid: the person, the outbox, and the stepper on
// screen. Every decision is the core's (plan, transitions); this file only sequences them —
// durable write first, then the person record, then the UI moves on.
import type { Config } from "../config/schema";
import { plan } from "../core/plan";
import { minimise, recordAnswer, recordDismiss, recordEvent, recordSkip, setCurrent, setDraft, takePendingSkipped } from "../core/profile";
import type { AnswerValue, Answers, PersonState, Plan } from "../core/types";
import { createError, errorMessage, type WidgetError } from "../errors";
import type { EventDetail, EventType } from "../events";
import type { UiText } from "../i18n/strings";
import { loadPerson, updatePerson } from "../storage/people";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";
import { createStepperModel, type StepperHost, type StepperModel } from "../ui/model";
import { renderStepper } from "../ui/render";
import type { Delivery } from "./delivery";
import type { PersonHandle } from "./person";

export interface RuntimeEnv {
  config: Config;
  person: PersonHandle;
  people: Store;
  delivery: Delivery;
  shadow: ShadowRoot;
  locale: string;
  text: UiText;
  mode: "floating" | "inline" | "modal";
  known: () => Answers;
  now: () => number;
  today: () => string;
  emit: (type: EventType, detail: Partial<EventDetail> & { questionIds: string[] }) => void;
  report: (error: WidgetError) => void;
  storeReport: Report;
}

export interface Runtime {
  /** Shows the form when something is due (and, unless `force`, not dismissed in this visit). */
  show(force: boolean): void;
  hide(): void;
  track(event: string): Promise<void>;
  identify(userId: string, visit?: number): Promise<void>;
  flush(): Promise<void>;
  forget(): Promise<void>;
  /** A message reached the backend: drop the values it carried (SPEC §8) and say so. */
  delivered(personKey: string, questionIds: string[], messageId: string): Promise<void>;
  destroy(): void;
}

interface View {
  model: StepperModel;
  ui: { open(): void; close(): void; unmount(): void };
}

export function createRuntime(env: RuntimeEnv): Runtime {
  const { config, person } = env;
  let view: View | null = null;
  let forgotten = false;
  let draftWrite: Promise<unknown> = Promise.resolve();

  const currentPlan = (): Plan => person.plan(config, env.known());
  const stepsOf = (p: Plan) => [...p.askedThisVisit, ...p.ask];
  const answeredThisVisit = (): string[] =>
    Object.entries(person.state.answers)
      .filter(([, record]) => record.visit === person.state.visit)
      .map(([id]) => id);

  async function send(answers: Answers, transition: (p: PersonState) => PersonState): Promise<void> {
    // A draft write still queued must land first, or it would bring back a submitted draft.
    await draftWrite;
    // The skips that go with this message are read from the record as it is now; the outbox
    // write comes first, and only once it is durable does the person record move on.
    const { skipped } = takePendingSkipped(transition(person.state));
    if (Object.keys(answers).length === 0 && skipped.length === 0) {
      await person.change(transition, env.now());
      return;
    }
    await env.delivery.write({
      personKey: person.key,
      userId: person.userId,
      anonymousId: person.anonymousId,
      visit: person.state.visit,
      locale: env.locale,
      answers,
      skipped,
    });
    await person.change((p) => takePendingSkipped(transition(p)).person, env.now());
  }

  // The answer or skip being written now: track() and identify() re-plan only after it has
  // landed, or a new form would be built from a record that does not have it yet.
  let inflight: Promise<unknown> = Promise.resolve();
  const landing = <T>(write: Promise<T>): Promise<T> => {
    inflight = write.catch(() => undefined);
    return write;
  };

  /**
   * The host of one model. A model that was replaced (track() reopened the form) may still
   * finish its last save; that save counts, but its later steps and completion are not the
   * page's any more, so `live()` keeps them from touching the form on screen.
   */
  const hostFor = (live: () => boolean): StepperHost => {
    const host: StepperHost = {
      submit: (questionId, value) => (value === null ? host.skip(questionId) : landing(submitAnswer(questionId, value))),
      skip: (questionId) => landing(skipQuestion(questionId)),
      async dismiss(onScreen) {
        if (live()) await dismissFrom(onScreen);
      },
      draft(questionId, raw) {
        if (forgotten) return;
        draftWrite = draftWrite
          .then(() => person.change((p) => setDraft(p, questionId, raw), env.now()))
          .catch((error) => env.report(createError("storage_write_failed", `A draft could not be saved: ${errorMessage(error)}`)));
      },
      step(index, questionId) {
        if (!live()) return;
        env.emit("step", { questionIds: [questionId], step: index });
        void person.change((p) => setCurrent(p, questionId), env.now()).catch(() => {});
      },
      complete() {
        if (!live()) return;
        env.emit("complete", { questionIds: answeredThisVisit() });
        void person.change((p) => setCurrent(p, null), env.now()).catch(() => {});
        closeView();
      },
    };
    return host;
  };

  async function submitAnswer(questionId: string, value: AnswerValue): Promise<string[]> {
    await send({ [questionId]: value }, (p) => recordAnswer(p, questionId, value, env.now()));
    env.emit("answer", { questionIds: [questionId] });
    return stepsOf(currentPlan());
  }

  async function skipQuestion(questionId: string): Promise<string[]> {
    // A skip with nothing asked after it still reaches the backend, as a message with no answers.
    const afterSkip = recordSkip(person.state, [questionId]);
    const lastStep = plan({ config, person: afterSkip, known: env.known() }).ask.length === 0;
    if (lastStep) await send({}, (p) => recordSkip(p, [questionId]));
    else await person.change((p) => recordSkip(p, [questionId]), env.now());
    env.emit("skip", { questionIds: [questionId] });
    return stepsOf(currentPlan());
  }

  /** "Not now" / close / Escape: the question on screen and those after it are snoozed. */
  async function dismissFrom(onScreen: string | null): Promise<void> {
    const steps = view ? [...view.model.steps.value] : [];
    const from = onScreen === null ? steps.length : Math.max(0, steps.indexOf(onScreen));
    const answered = new Set(answeredThisVisit());
    const remaining = steps.slice(from).filter((id) => !answered.has(id));
    // The form is gone the moment the person dismisses it; the event says so at once.
    env.emit("dismiss", { questionIds: remaining });
    closeView();
    try {
      await send({}, (p) => recordDismiss(p, remaining));
    } catch (error) {
      env.report(createError("storage_write_failed", `The dismissal could not be saved: ${errorMessage(error)}`));
    }
  }

  function closeView() {
    view?.ui.unmount();
    view = null;
  }

  function show(force: boolean) {
    if (forgotten) return;
    const p = currentPlan();
    const session = person.state.session;
    const dismissed = session !== null && session.visit === person.state.visit && session.dismissed;
    if (p.ask.length === 0 || (dismissed && !force)) return;
    const steps = stepsOf(p);
    if (view) {
      view.ui.open();
      return;
    }
    const current = session?.visit === person.state.visit ? session.current : null;
    const at = current !== null ? steps.indexOf(current) : -1;
    const values: Record<string, AnswerValue> = {};
    for (const id of p.askedThisVisit) {
      const value = person.state.answers[id]?.value;
      if (value !== undefined) values[id] = value;
    }
    let model: StepperModel | null = null;
    const live = () => model !== null && view?.model === model;
    model = createStepperModel({
      steps,
      index: at >= 0 ? at : p.askedThisVisit.length,
      drafts: session?.visit === person.state.visit ? session.drafts : {},
      values,
      host: hostFor(live),
      questions: config.questions,
      today: env.today(),
    });
    const ui = renderStepper(env.shadow, {
      config,
      locale: env.locale,
      text: env.text,
      model,
      mode: env.mode,
      position: config.display.position,
    });
    view = { model, ui };
    ui.open();
    env.emit("show", { questionIds: steps });
  }

  return {
    show,
    hide() {
      view?.ui.close();
    },
    async track(event) {
      if (forgotten) return;
      await inflight;
      const before = new Set(currentPlan().ask);
      await person.change((p) => recordEvent(p, event, env.now()), env.now());
      const after = currentPlan();
      if (after.ask.some((id) => !before.has(id))) {
        // A purchase is the moment to ask for an address: open at once, unless dismissed.
        closeView();
        show(false);
      }
    },
    async identify(userId, visit) {
      await inflight;
      await person.identify(userId);
      if (visit !== undefined && Number.isSafeInteger(visit) && visit >= 1) {
        await person.change((p) => (p.visit === visit ? p : { ...p, visit }), env.now());
      }
      closeView();
      show(false);
    },
    async forget() {
      forgotten = true;
      closeView();
      // The user's and the anonymous record (identify() may have folded one into the other).
      const keys = [person.key, `a:${person.anonymousId}`];
      await env.delivery.forget([...new Set(keys)]);
      await person.forget();
    },
    async delivered(personKey, questionIds, messageId) {
      if (questionIds.length > 0) {
        const stored = await loadPerson(env.people, personKey, env.storeReport);
        if (stored !== null) {
          if (personKey === person.key) await person.change((p) => minimise(p, config, questionIds), person.state.lastActivityAt);
          else await updatePerson(env.people, personKey, (p) => minimise(p ?? stored, config, questionIds), env.storeReport);
        }
      }
      env.emit("delivered", { questionIds, messageId });
    },
    flush: () => env.delivery.flush(),
    destroy() {
      closeView();
    },
  };
}
