// Which other pages of this site have a widget running, known ahead of time through a
// BroadcastChannel: a page that is going away cannot ask anyone, and when another page is
// open its sender goes on with the retries, so the leaving page must not send the same
// messages at the same moment (SPEC §7: two tabs never send one message at once).
import { makeUuid } from "./platform";

const CHANNEL = "progressive-profile-pages";

export interface OtherPages {
  /** Another page with a widget was open, as last heard. */
  any(): boolean;
  /** This page is going away (pagehide): the others hear it. */
  leaving(): void;
  stop(): void;
}

type Said = { type: "hi" | "here" | "bye"; from: string };

export function watchOtherPages(): OtherPages {
  const others = new Set<string>();
  const me = makeUuid();
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(CHANNEL);
  } catch {
    // No BroadcastChannel: as if alone (the lease still keeps a reloaded page from sending).
    return { any: () => false, leaving() {}, stop() {} };
  }
  const say = (type: Said["type"]) => channel.postMessage({ type, from: me } satisfies Said);
  channel.onmessage = ({ data }: MessageEvent<Partial<Said>>) => {
    const from = data?.from;
    if (typeof from !== "string" || from === me) return;
    if (data.type === "bye") others.delete(from);
    else {
      others.add(from);
      if (data.type === "hi") say("here");
    }
  };
  say("hi");
  // Back from the back-forward cache: the others heard this page leave.
  const back = (event: PageTransitionEvent) => event.persisted && say("hi");
  addEventListener("pageshow", back);
  return {
    any: () => others.size > 0,
    leaving: () => say("bye"),
    stop() {
      say("bye");
      removeEventListener("pageshow", back);
      channel.close();
    },
  };
}
