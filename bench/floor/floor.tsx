// The floor: the least a page can do and still do the widget's visible job on visit 1 —
// read the same config, count the visit in IndexedDB with idb-keyval, and render the first
// question's label and input in a Shadow DOM with preact + @preact/signals. No validation,
// no planning, no outbox: the navigation figure is the widget's time over this page's.
import { render } from "preact";
import { signal } from "@preact/signals";
import { createStore, get, set } from "idb-keyval";

type Text = string | Record<string, string>;
interface FloorConfig {
  stages: { ask: string[] }[];
  questions: Record<string, { type: string; label: Text }>;
}

const script = document.currentScript;
const locale = script?.getAttribute("data-locale") ?? "en";
const source = document.querySelector(script?.getAttribute("data-config") ?? "#pp-config");
const config = JSON.parse(source?.textContent ?? "{}") as FloorConfig;
const firstId = config.stages[0]?.ask[0] ?? "";
const question = config.questions[firstId];
const visit = signal(0);

const text = (t: Text | undefined): string =>
  t === undefined ? "" : typeof t === "string" ? t : (t[locale] ?? Object.values(t)[0] ?? "");

function FirstQuestion() {
  return (
    <form data-visit={visit.value}>
      <label for="pp-floor-q">{text(question?.label)}</label>
      <input id="pp-floor-q" name={firstId} type={question?.type === "email" ? "email" : "text"} />
    </form>
  );
}

async function start(): Promise<void> {
  const store = createStore("progressive-profile-floor", "kv");
  const seen = (await get<number>("visits", store)) ?? 0;
  await set("visits", seen + 1, store);
  visit.value = seen + 1;
  const host = document.createElement("div");
  document.body.append(host);
  render(<FirstQuestion />, host.attachShadow({ mode: "open" }));
}

void start();
