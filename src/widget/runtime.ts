// A mounted widget once its config is valid: the host's calls (open, track, identify, forget …)
// in the person's write order, and the card on screen, built from the plan and taken down or
// rebuilt when the plan changes. Every decision is the core's (plan, transitions); what the
// card's controls write (outbox message first, then the person record) is card-writes.ts.
import type { Config } from "../config/schema";
import { plan, stepsOf } from "../core/plan";
import { minimise, recordEvent, reopenDismissed, setDraft } from "../core/profile";
import type { AnswerValue, Answers, PersonState, Plan } from "../core/types";
import type { WidgetError } from "../errors";
import type { Emit } from "../events";
import type { UiText } from "../i18n/strings";
import type { OutboxEntry } from "../storage/outbox";
import { createStepperModel, holdsAnswerOf, type StepperModel } from "../ui/model";
import { renderStepper } from "../ui/render";
import { todayOf } from "../core/answer-shapes";
import { createCardWrites } from "./card-writes";
import type { Delivery } from "./delivery";
import type { DraftMirror } from "./draft-mirror";
import { parseKnown, parseVisit } from "./options";
import type { PersonHandle } from "./person";
import { createWriteQueue } from "./write-queue";
import { outboxLock } from "../transport/outbox-lock";
import { ownValue } from "../core/own-keys";

export interface RuntimeEnv {
  config: Config;
  person: PersonHandle;
  delivery: Delivery;
  shadow: ShadowRoot;
  /** Puts the widget's element back in the page if the page took it out; true when it had to. */
  placeHost: () => boolean;
  locale: string;
  text: UiText;
  mode: "floating" | "inline" | "modal";
  /** What the host already knows (data-known); identify()'s `known` is added to it. */
  known: Answers;
  /**
   * What the backend knows (`profileUrl`'s traits), kept apart from the host's `known`, which wins
   * over it: the traits a login gets replace the anonymous page's, the host's word stays.
   */
  traits: Answers;
  /** Asks `profileUrl` for its traits again (null: they could not be had), when identify() names another user; null without one. */
  fetchTraits: (() => Promise<Answers | null>) | null;
  emit: Emit;
  report: (error: WidgetError) => void;
  /** This tab's copy of what was typed, until the person's record has it. */
  drafts: DraftMirror;
}

/** What the runtime reads of a message that left the outbox's pending state. */
type Settled = Pick<OutboxEntry, "personKey" | "questionIds" | "message" | "keep">;

export interface Runtime {
  /**
   * mount()'s first show (after `display.delayMs`): the form, when something is due and it was
   * not dismissed in this visit. In turn with the writes asked for before it: an identify()
   * switching users is stored first, so the card is never built from the previous user's record.
   */
  firstShow(): Promise<void>;
  /**
   * The host's `open()`: shows the form, and after "Not now" in this visit brings back what the
   * dismissal put away (skips stay skipped). It waits for the writes before it, so the dismissal
   * is always stored first and the answer does not depend on timing.
   */
  open(): Promise<void>;
  hide(): void;
  track(event: string): Promise<void>;
  /** identify(): `known` joins what the host knows, `visit` (an integer ≥ 1) replaces the count. */
  identify(userId: string, opts?: { visit?: number | string; known?: Record<string, unknown> | string }): Promise<void>;
  flush(): Promise<void>;
  forget(): Promise<void>;
  /**
   * A message reached the backend: its answers count as answered even if the record missed them
   * (the page went away between the two writes), their values go (SPEC §8), and it says so.
   */
  delivered(entry: Settled & Pick<OutboxEntry, "id">): Promise<void>;
  /**
   * The backend refused a message (a 4xx: not sent again, kept as failed in the outbox for 7
   * days): its answers' values go from the person's record as a delivered one's would (SPEC §8).
   */
  refused(entry: Settled): Promise<void>;
  /** The visit of the person's record, for events. */
  visit(): number;
  /** The form goes, and the sender stops. */
  destroy(): void;
}

interface View {
  model: StepperModel;
  ui: { open(focus?: boolean): void; close(): void; unmount(rebuild?: boolean): void };
}

export function createRuntime(env: RuntimeEnv): Runtime {
  const { config, person } = env;
  let view: View | null = null;
  let forgotten = false;
  let destroyed = false;
  // The host's close(): a card rebuilt meanwhile (an answer taken in) is not shown again by itself.
  let hiddenByHost = false;
  // The user the last identify() named (its writes may still wait their turn): whether the next
  // one names another, whose profileUrl traits to ask for.
  let namedUser = person.state.userId;
  // identify() switches from one user to another (see card-writes.ts).
  let userSwitches = 0;
  // Until mount()'s first show (after `display.delayMs`), or the host's close(), identify() only re-plans.
  let firstShowDone = false;

  const planFor = (p: PersonState): Plan =>
    plan({ config, person: p, known: { ...env.traits, ...env.known }, today: todayOf(Date.now(), new Date().getTimezoneOffset()) });
  const currentPlan = () => planFor(person.state);
  const queue = createWriteQueue(env.report);
  const { inTurn } = queue;
  const writes = createCardWrites({
    person,
    delivery: env.delivery,
    drafts: env.drafts,
    emit: env.emit,
    queue,
    questions: config.questions,
    planFor,
    switches: () => userSwitches,
    forgotten: () => forgotten,
    unmountCard: () => unmountCard(),
  });

  // Skips an earlier visit left behind (its page closed after them) go on their own: first of
  // all, and again after a login has taken in the user's record.
  const sendLeftBehind = () =>
    writes.sendLeftBehind(outboxLock(navigator.locks, "progressive-profile-left-behind"), () => !destroyed && !forgotten).catch(queue.failed("The skips an earlier visit left behind"));
  void sendLeftBehind();

  // Forgotten in another tab (forget() there), as this tab reads or writes the person again:
  // the card goes, and nothing of them is written back (SPEC §8).
  person.onForgotten = () => void ((forgotten = true), unmountCard());

  // A card rebuilt while focus is in it (the person is using it): the new card takes focus.
  // (Focus in a shadow tree shows, in the tree around it, as its host having focus.)
  let focusWasIn = false;

  function unmountCard(rebuild?: boolean) {
    const { host } = env.shadow;
    focusWasIn = !!rebuild && (host.getRootNode() as Document | ShadowRoot).activeElement === host;
    view?.ui.unmount(rebuild);
    view = null;
  }

  function show(force: boolean) {
    if (forgotten || destroyed) return;
    firstShowDone = true;
    // The page took our element out (a framework re-rendering <body>): back it goes, with the
    // card built anew (a floating card left the top layer with it).
    if (env.placeHost()) unmountCard(true);
    const refocus = focusWasIn;
    focusWasIn = false;
    const p = currentPlan();
    const { answers, visit } = person.state;
    // This visit's session: where the person was, what they had typed, whether they dismissed.
    const session = person.state.session?.visit === visit ? person.state.session : null;
    if (p.ask.length === 0 || (session?.dismissed && !force)) return;
    const steps = stepsOf(p);
    // A card the host's close() hid and open() brings back is shown again: a `show` as well.
    const reshown = hiddenByHost;
    hiddenByHost = false;
    if (view) {
      view.ui.open(force);
      if (reshown) env.emit("show", { questionIds: steps });
      return;
    }
    const at = session?.current ? steps.indexOf(session.current) : -1;
    // Typed just before a reload, and not in the record yet: taken back if its question is
    // still to be asked, and saved into the record (which then clears the copy); else dropped.
    const mirrored = env.drafts.read(person.key, visit);
    const restored = mirrored && p.ask.includes(mirrored.questionId) ? mirrored : null;
    if (restored) writes.saveDraft(restored.questionId, restored.raw);
    else env.drafts.clear(person.key);
    const values: Record<string, AnswerValue> = {};
    for (const id of p.askedThisVisit) {
      const value = answers[id]?.value;
      if (value !== undefined) values[id] = value;
    }
    // The host's live() is first called once the model exists (nothing calls the host while it is made).
    const model: StepperModel = createStepperModel({
      steps,
      index: at >= 0 ? at : p.askedThisVisit.length,
      done: p.askedThisVisit.length,
      drafts: restored ? { ...session?.drafts, [restored.questionId]: restored.raw } : (session?.drafts ?? {}),
      values,
      host: writes.hostFor(() => view?.model === model),
      questions: config.questions,
      // "today" is the person's own date, in their time zone.
      today: todayOf(Date.now(), new Date().getTimezoneOffset()),
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
    ui.open(force || refocus);
    env.emit("show", { questionIds: steps });
  }

  /**
   * The plan changed (track(), identify(), another tab): a card on screen takes it in place when
   * the steps up to the one on screen stay (the person may be typing, or an answer may be on its
   * way); otherwise it is built anew. With `open`, it then shows, if anything is due.
   */
  function replan(open = true) {
    const p = currentPlan();
    const model = view?.model;
    if (!model?.replan(stepsOf(p), p.askedThisVisit.length, person.state.answers[model.currentId()]?.at)) unmountCard(true);
    if (open) show(false);
  }

  // Back to this tab: another tab may have answered, skipped or dismissed meanwhile. The card on
  // screen takes in what the person's record says now, so it does not ask again what was just
  // answered there (unless the person has typed into it here since: model.ts replan). Forgotten
  // there, they are here too: the card goes, and nothing of them is written back (SPEC §8).
  //
  // A return after the visit timeout is a page view (a single-page app never loads again), whose
  // form shows as on a page load (after display.delayMs, if the first show is still to come):
  // the last visit's skips no answer carried are sent, and the new visit's card is built, taking
  // in what the person had typed into the one on screen. Not the first look at a tab opened in
  // the background: its mount was that visit.
  let seen = document.visibilityState === "visible";
  const onVisible = () =>
    document.visibilityState === "visible" &&
    inTurn(async () => {
      if (forgotten || destroyed) return;
      const { visit } = person.state;
      if (!(await person.reload(seen))) return person.onForgotten();
      seen = true;
      if (person.state.visit > visit) {
        const atReturn = view?.model ?? null;
        void sendLeftBehind();
        // After the skips left behind are sent (their turn comes first), and after a Next or Skip
        // being saved: the new visit's card, taking in what was typed into the one on screen.
        // Not if that card went meanwhile ("Not now", its last answer, identify() of another user).
        const rebuild = (): Promise<void> =>
          inTurn(async () => {
            if (forgotten || destroyed || (view?.model ?? null) !== atReturn) return;
            if (atReturn?.saving.value) return void rebuild().catch(() => {});
            const typed = atReturn?.typed() && atReturn.currentId();
            if (typed) await person.change((p) => setDraft(p, typed, atReturn!.raw()));
            // A card the host's close() hid is the last visit's too: open() builds the new visit's.
            if (hiddenByHost) return unmountCard();
            unmountCard(true);
            if (firstShowDone) show(false);
          });
        void rebuild().catch(() => {});
      } else if (view && !hiddenByHost) replan();
    }).catch(() => {});
  document.addEventListener("visibilitychange", onVisible);

  /**
   * A message left the outbox's pending state, delivered or refused: the record that holds its
   * answers now keeps that they were answered, and their values go (`minimise`). In turn with
   * the person's other writes, so that a forget() made meanwhile is not undone by writing the
   * minimised record back.
   */
  async function settled({ personKey, questionIds, message, keep: alsoKeep }: Settled, delivered: boolean) {
    if (questionIds.length === 0) return;
    await inTurn(async () => {
      if (forgotten) return;
      const stored = await person.read(personKey);
      // A message from before identify() (or a login page) took the anonymous record into
      // the user's: its answers now live in the current person's record. The person's own
      // record gone (a login or a forget() in another tab) has nothing left to minimise here.
      const takenIn = stored === null && personKey === person.anonymousKey;
      if (stored ? personKey === person.key : takenIn && personKey !== person.key) {
        const asked = currentPlan().ask.join();
        // Only the person's own record takes in answers it missed, and only those the backend
        // has: the anonymous record gone, the message may be from a visitor before this user
        // on a shared computer.
        const takeInMissing = delivered && !takenIn;
        await person.change((p) => minimise(p, config, message, { takeInMissing, delivered, alsoKeep }), person.state.lastActivityAt);
        // A card asking what was just taken in is built again without it, unless the person
        // is typing in it: another tab may have answered the question meanwhile, and what
        // they type here is their newer answer (it goes out when they press Next). Text the
        // same as the answer delivered is no newer answer (a draft of it, restored on load).
        const model = view?.model;
        if (model && (!model.typed() || holdsAnswerOf(model, message.answers)) && currentPlan().ask.join() !== asked) {
          unmountCard(true);
          if (!hiddenByHost) show(false);
        }
      } else if (stored !== null) await person.changeOther(personKey, (p) => minimise(p ?? stored, config, message, { delivered, alsoKeep }));
    });
  }

  // open() waits its turn in the write queue; a close() (or destroy()) made after it, which
  // does not wait, must still win: each one counts as a newer request.
  let visibilityRequests = 0;

  return {
    // Not once the host's close() came first, also while it waited its turn.
    firstShow: () => inTurn(async () => void (hiddenByHost || show(false))),
    open() {
      const request = ++visibilityRequests;
      return inTurn(async () => {
        if (forgotten || request !== visibilityRequests) return;
        if (person.state.session?.dismissed) await person.change(reopenDismissed);
        if (request === visibilityRequests) show(true);
      });
    },
    hide() {
      visibilityRequests++;
      hiddenByHost = true;
      // The host decides from here: mount()'s delayed show will not come.
      firstShowDone = true;
      view?.ui.close();
    },
    track: (event) =>
      inTurn(async () => {
        if (forgotten) return;
        const before = new Set(currentPlan().ask);
        await person.change((p) => recordEvent(p, event, Date.now()));
        // A purchase is the moment to ask for an address: open at once, unless dismissed.
        if (currentPlan().ask.some((id) => !before.has(id))) replan();
      }),
    identify(userId, opts) {
      // Only what the host gave (options.ts `normaliseOptions`).
      const known = parseKnown(opts && ownValue(opts, "known"), env.report);
      const visit = parseVisit(opts && ownValue(opts, "visit"), env.report);
      // What the backend knows of the user now named (a login after the page loaded anonymous,
      // its profileUrl answering for the session's cookie): asked for at once, taken in before
      // the card is planned, under what the host says.
      const traits = namedUser !== userId ? env.fetchTraits?.() : undefined;
      namedUser = userId;
      return inTurn(async () => {
        // After forget(), nothing of anyone is written back on this page (as with track()).
        if (forgotten) return;
        // Another user's card (what they typed, their answers behind Back) is not this one's,
        // and goes before the switch is stored: nothing typed or pressed in it meanwhile may be
        // taken for the new user's. Nor is what the host knew of them (data-known, profileUrl).
        if (person.state.userId !== null && person.state.userId !== userId) {
          userSwitches++;
          unmountCard();
          env.known = {};
          env.traits = {};
        }
        Object.assign(env.known, known);
        const before = new Set(currentPlan().ask);
        await person.identify(userId, visit);
        // A profileUrl that fails keeps what it said on this page before: after a login that is
        // what the same browser's session was told (a switch of users has emptied it above).
        env.traits = (await traits) ?? env.traits;
        if (visit !== null) await person.change((p) => (p.visit === visit ? p : { ...p, visit }));
        // As with track(): a card the host close()d comes back only for questions newly due
        // (a single-page app may call identify() on every route). A page logging the person in
        // as it loads still gets the display delay.
        replan(firstShowDone && (!hiddenByHost || currentPlan().ask.some((id) => !before.has(id))));
      }).then(sendLeftBehind);
    },
    forget() {
      forgotten = true;
      unmountCard();
      // What was typed goes at once, whatever becomes of the deletions below.
      const keys = [person.key, person.anonymousKey];
      keys.forEach(env.drafts.clear);
      // After the writes already made (an answer being saved would otherwise land after the
      // deletion and bring the person's record back).
      return inTurn(async () => {
        // The user's and the anonymous record (identify() may have folded one into the other),
        // and those of a user an identify() still being stored when forget() was called switched to.
        const all = [...new Set([...keys, person.key, person.anonymousKey])];
        all.forEach(env.drafts.clear);
        // The records first: another tab of the person writing a message meanwhile then finds
        // them forgotten, and the message goes with the others.
        await person.forget();
        await env.delivery.forget(all);
      });
    },
    async delivered(entry) {
      await settled(entry, true);
      env.emit("delivered", { questionIds: entry.questionIds, messageId: entry.id });
    },
    refused: (entry) => settled(entry, false),
    flush: () => env.delivery.flush(),
    visit: () => person.state.visit,
    destroy() {
      // Queued work (an open(), a track()) must not render into the removed host.
      destroyed = true;
      visibilityRequests++;
      document.removeEventListener("visibilitychange", onVisible);
      unmountCard();
      env.delivery.stop();
    },
  };
}
