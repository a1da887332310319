// What was typed into the step on screen, kept in this tab's sessionStorage until the person's
// IndexedDB record has it. A draft write takes a few milliseconds to commit, and a reload in
// that window tore it down: the field came back without its last keystrokes (SPEC §5 "a
// reload restores … what was typed into it"). sessionStorage is written at once and survives a
// reload of the same tab only, and goes as soon as the record holds the last value typed, so
// an answer's text stays there only while its write is on its way.

import { toJson } from "../core/encode";

const PREFIX = "progressive-profile:draft:";

export interface MirroredDraft {
  visit: number;
  questionId: string;
  raw: unknown;
}

export interface DraftMirror {
  /** The value just typed, before its write to the person's record starts. */
  save(personKey: string, draft: MirroredDraft): void;
  /** The record now holds `draft`: the copy goes, unless something was typed since. */
  settled(personKey: string, draft: MirroredDraft): void;
  clear(personKey: string): void;
  /** A copy the record may not have yet (the page was reloaded before it did), of this visit. */
  read(personKey: string, visit: number): MirroredDraft | null;
}

/** `storage` is read lazily: sessionStorage throws where the page may not use storage. */
export function createDraftMirror(storage: () => Storage): DraftMirror {
  // Losing the copy only loses what a reload could have restored: every failure is ignored.
  const attempt = <T>(run: (s: Storage) => T): T | null => {
    try {
      return run(storage());
    } catch {
      return null;
    }
  };
  // The page's first use of sessionStorage waits for the browser to hand over the tab's storage
  // (about 3 ms of a 4× throttled CPU): made now, while the widget starts, rather than in the
  // task that renders the card, the longest the widget runs.
  attempt((s) => s.length);
  // The last draft saved: only its own write's end may clear the copy.
  let last: MirroredDraft | null = null;
  const clear = (personKey: string) => attempt((s) => s.removeItem(PREFIX + personKey));
  return {
    save: (personKey, draft) => attempt((s) => s.setItem(PREFIX + personKey, toJson((last = draft)))),
    settled: (personKey, draft) => void (draft === last && clear(personKey)),
    clear,
    read: (personKey, visit) =>
      attempt((s) => {
        const found = JSON.parse(s.getItem(PREFIX + personKey) ?? "null") as Partial<MirroredDraft> | null;
        return found?.visit === visit && typeof found.questionId === "string" ? (found as MirroredDraft) : null;
      }),
  };
}
