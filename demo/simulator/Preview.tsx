// The real widget for one visit, inline, so a marketer can click through it in English or
// Japanese. The person is the simulated one: what the timeline says they answered before
// this visit (and the CRM's answers) is passed as `known`, and events up to this visit are
// tracked, so the form asks exactly what the timeline shows for this visit.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Config } from "../../src/config/schema";
import type { Answers } from "../../src/core/types";
import { createPreview, PREVIEW_USER } from "./preview-widget";

const LOCALES = [
  { value: "en", label: "English" },
  { value: "ja", label: "日本語 (Japanese)" },
] as const;

export interface PreviewProps {
  config: Config;
  visits: number;
  visit: number;
  onVisit(visit: number): void;
  locale: string;
  onLocale(locale: string): void;
  known: Answers;
  events: string[];
  /** How many questions the timeline says this visit asks. */
  asks: number;
  /** How many steps the form has when it opens (fewer when a showIf waits for an answer of this visit). */
  firstSteps: number;
}

/** How long the config must stay unchanged before the preview is mounted again. */
const REMOUNT_DELAY_MS = 400;

export function Preview({ config, visits, visit, onVisit, locale, onLocale, known, events, asks, firstSteps }: PreviewProps) {
  const target = useRef<HTMLDivElement>(null);
  const preview = useRef<ReturnType<typeof createPreview> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!target.current) return;
    const controller = createPreview(target.current, setProblem);
    preview.current = controller;
    return () => controller.stop();
  }, []);

  // Without profileUrl: the preview person is simulated, the backend knows nothing of them.
  const { profileUrl: _ignored, ...previewConfig } = config;
  const request = { config: previewConfig, visit, locale, known, events };
  const key = JSON.stringify(request);
  useEffect(() => {
    const timer = setTimeout(() => preview.current?.show(request), REMOUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return (
    <section class="preview panel" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview: the real form at visit {visit}</h2>
      <div class="preview-controls">
        <div class="field inline">
          <label for="preview-visit">Visit</label>
          <select id="preview-visit" value={String(visit)} onChange={(e) => onVisit(Number(e.currentTarget.value))}>
            {Array.from({ length: visits }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                Visit {i + 1}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="inline-radios">
          <legend>Language</legend>
          {LOCALES.map((l) => (
            <div class="check" key={l.value}>
              <input
                type="radio"
                id={`locale-${l.value}`}
                name="preview-locale"
                value={l.value}
                checked={locale === l.value}
                onChange={() => onLocale(l.value)}
              />
              <label for={`locale-${l.value}`} lang={l.value}>
                {l.label}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      <p class="notice" id="preview-note">
        Answers given here are really delivered: to this demo's backend, as user “{PREVIEW_USER}” (see{" "}
        <a href="/backend">Backend</a>). Each preview starts from a fresh person who has answered what the timeline shows
        for earlier visits.
      </p>
      {problem && (
        <p class="status bad" role="alert">
          {problem}
        </p>
      )}
      <div class="preview-stage" ref={target} role="group" aria-label={`Form preview, visit ${visit}`} />
      <p class="hint">
        {asks
          ? `The timeline says visit ${visit} asks ${asks === 1 ? "1 question" : `${asks} questions`}.` +
            (firstSteps < asks
              ? ` The form opens with ${firstSteps === 1 ? "1 step" : `${firstSteps} steps`}: a question whose showIf waits for a particular answer joins once that answer is given.`
              : "")
          : `Visit ${visit} asks nothing, so the form does not appear.`}
      </p>
    </section>
  );
}
