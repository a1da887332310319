// The delivery message of SPEC §7, built from what the widget knows at the moment of a Next /
// Submit / "Not now". The id and the clock are given; every field is always present.
import type { Config } from "../config/schema";
import type { Answers, DeliveryMessage, PendingMessage, PersonState } from "./types";

/**
 * Origin + path of a page URL (the page's location.href, always absolute), without query or
 * fragment (they often carry tokens or e-mail addresses) and without user info.
 */
export function pageOf(url: string): string {
  const parsed = new URL(url);
  // file: and other opaque origins serialise as "null"; spell them out instead.
  const origin = parsed.origin === "null" ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  return origin + parsed.pathname;
}

export function buildMessage(input: {
  messageId: string;
  config: Pick<Config, "id" | "version">;
  person: Pick<PersonState, "userId" | "anonymousId">;
  visit: number;
  answers: Answers;
  skipped: string[];
  now: number;
  locale: string;
  pageUrl: string;
}): PendingMessage {
  // Copies, so a later change to the caller's objects cannot alter what is in the outbox.
  const answers: Answers = {};
  for (const [id, value] of Object.entries(input.answers)) answers[id] = Array.isArray(value) ? [...value] : value;
  return {
    messageId: input.messageId,
    configId: input.config.id,
    configVersion: input.config.version,
    userId: input.person.userId,
    anonymousId: input.person.anonymousId,
    visit: input.visit,
    answers,
    skipped: [...input.skipped],
    answeredAt: new Date(input.now).toISOString(),
    locale: input.locale,
    page: pageOf(input.pageUrl),
  };
}

/**
 * The message as POSTed by one attempt: `sentAt` is set anew on every try, after `answeredAt`
 * as in SPEC §7. The other keys keep the message's own order, which is SPEC §7's: `buildMessage`
 * writes them so, and the outbox's schema reads every entry back in that order.
 */
export function withSentAt(message: PendingMessage, now: number): DeliveryMessage {
  const { answeredAt, locale, page, ...first } = message;
  return { ...first, answeredAt, sentAt: new Date(now).toISOString(), locale, page };
}
