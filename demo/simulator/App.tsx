// The simulator's state and layout: the config text (checked on every edit with the CLI's
// own validateJsonText), the visits, events and CRM answers, and the chosen preview. The
// timeline and preview keep showing the last valid config while the text has problems.
import { useMemo, useRef, useState } from "preact/hooks";
import type { Config } from "../../src/config/schema";
import { validateJsonText } from "../../src/config/source-map";
import type { Answers } from "../../src/core/types";
import { crmValue } from "./answers";
import { Editor } from "./Editor";
import { KnownAnswers } from "./KnownAnswers";
import { Preview } from "./Preview";
import { eventsUpTo, knownBefore, simulate } from "./simulate";
import { Timeline } from "./Timeline";

export function App({ example }: { example: string }) {
  const [text, setText] = useState(example);
  const [visits, setVisits] = useState(3);
  const [events, setEvents] = useState<Record<number, string[]>>({});
  const [crm, setCrm] = useState<Record<string, string>>({});
  const [previewVisit, setPreviewVisit] = useState(1);
  const [locale, setLocale] = useState("en");
  const lastValid = useRef<Config | null>(null);

  const checked = useMemo(() => validateJsonText(text, { pageOrigin: window.location.origin }), [text]);
  if (checked.ok) lastValid.current = checked.config;
  const config = lastValid.current;
  const errors = checked.ok ? [] : checked.errors;
  const warnings = checked.ok ? checked.warnings : [];

  const known = useMemo(() => {
    const out: Answers = {};
    if (!config) return out;
    for (const [id, raw] of Object.entries(crm)) {
      const question = config.questions[id];
      const value = question ? crmValue(question, raw) : null;
      if (value !== null) out[id] = value;
    }
    return out;
  }, [config, crm]);
  const results = useMemo(() => (config ? simulate(config, { visits, events, known }) : []), [config, visits, events, known]);
  const eventNames = useMemo(() => [...new Set(config?.stages.flatMap((s) => (s.when.event ? [s.when.event] : [])) ?? [])], [config]);
  const shownVisit = Math.min(previewVisit, visits);

  const toggleEvent = (visit: number, event: string, on: boolean) =>
    setEvents((all) => {
      const rest = (all[visit] ?? []).filter((e) => e !== event);
      return { ...all, [visit]: on ? [...rest, event] : rest };
    });
  const preview = (visit: number) => {
    setPreviewVisit(visit);
    document.getElementById("preview-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
    document.getElementById("preview-visit")?.focus({ preventScroll: true });
  };

  const summary = config
    ? `No problems: ${count(Object.keys(config.questions).length, "question")} in ${count(config.stages.length, "stage")}, at most ${config.maxQuestionsPerVisit} per visit.` +
      (warnings.length ? ` ${count(warnings.length, "warning")}: what will not work as written.` : "")
    : "";
  return (
    <div class="simulator">
      <div class="columns">
        <Editor text={text} onText={setText} errors={errors} warnings={warnings} summary={summary} onReset={() => setText(example)} />
        <div class="stack">
          {config ? (
            <>
              <KnownAnswers config={config} values={crm} onChange={(id, value) => setCrm((all) => ({ ...all, [id]: value }))} />
              <Timeline
                config={config}
                results={results}
                visits={visits}
                onVisits={setVisits}
                eventNames={eventNames}
                events={events}
                onToggleEvent={toggleEvent}
                onPreview={preview}
              />
            </>
          ) : (
            <p class="panel">Fix the problems in the config to see its timeline.</p>
          )}
        </div>
      </div>
      {config && (
        <Preview
          config={config}
          visits={visits}
          visit={shownVisit}
          onVisit={setPreviewVisit}
          locale={locale}
          onLocale={setLocale}
          known={knownBefore(results, shownVisit, known)}
          events={eventsUpTo(events, shownVisit)}
          asks={results.find((r) => r.visit === shownVisit)?.asked.length ?? 0}
          firstSteps={results.find((r) => r.visit === shownVisit)?.firstSteps ?? 0}
        />
      )}
    </div>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
