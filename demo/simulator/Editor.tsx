// The config editor: a plain textarea (so paste, undo, find and screen readers all work as
// usual) over a backdrop that tints the lines with problems, a line-number gutter that marks
// them, and the list of problems — each with its JSON path, line:column and the CLI's message.
import { useLayoutEffect, useRef } from "preact/hooks";
import type { LocatedError } from "../../src/config/source-map";

export interface EditorProps {
  text: string;
  onText(text: string): void;
  errors: LocatedError[];
  /** What a valid config will not do as written (the CLI's warnings). */
  warnings: LocatedError[];
  /** "No problems: …" when the config is valid. */
  summary: string;
  onReset(): void;
}

export function Editor({ text, onText, errors, warnings, summary, onReset }: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLPreElement>(null);
  const lines = text.split("\n");
  const badLines = new Set(errors.map((e) => e.line));

  // The backdrop and gutter follow the textarea's scroll, so the tint stays on its line.
  const sync = () => {
    const el = area.current;
    if (!el) return;
    if (backdrop.current) {
      backdrop.current.scrollTop = el.scrollTop;
      backdrop.current.scrollLeft = el.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = el.scrollTop;
  };
  useLayoutEffect(sync);

  /** Selects the offending line from the problem's column, and scrolls it into view. */
  const goTo = (line: number, column: number) => {
    const el = area.current;
    if (!el) return;
    const lineStart = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    const lineEnd = lineStart + (lines[line - 1]?.length ?? 0);
    el.focus();
    el.setSelectionRange(Math.min(lineStart + column - 1, lineEnd), lineEnd);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
    sync();
  };

  return (
    <section class="editor panel" aria-labelledby="editor-title">
      <div class="section-head">
        <h2 id="editor-title">Config</h2>
        <button type="button" class="secondary small" onClick={onReset}>
          Reset to the example
        </button>
      </div>
      <label for="config-text">Question-sequence JSON (edit it, or paste your own)</label>
      <div class="code-frame">
        <div class="gutter" aria-hidden="true" ref={gutter}>
          {lines.map((_, i) => (
            <div key={i} class={badLines.has(i + 1) ? "bad" : undefined}>
              {i + 1}
            </div>
          ))}
        </div>
        <div class="code">
          <pre class="backdrop" aria-hidden="true" ref={backdrop}>
            {lines.map((line, i) => (
              <div key={i} class={badLines.has(i + 1) ? "bad" : undefined}>
                {line || " "}
              </div>
            ))}
          </pre>
          <textarea
            id="config-text"
            ref={area}
            value={text}
            onInput={(e) => onText(e.currentTarget.value)}
            onScroll={sync}
            spellcheck={false}
            wrap="off"
            autocomplete="off"
            autocapitalize="off"
            aria-invalid={errors.length > 0}
            aria-describedby="config-status"
          />
        </div>
      </div>
      <Problems errors={errors} warnings={warnings} summary={summary} onGoTo={goTo} />
    </section>
  );
}

function Problems(p: { errors: LocatedError[]; warnings: LocatedError[]; summary: string; onGoTo(line: number, column: number): void }) {
  const { errors, warnings, summary, onGoTo } = p;
  const count = errors.length;
  return (
    <div class="problems">
      <p id="config-status" role="status" class={count ? "status bad" : "status ok"}>
        {count ? `${count} ${count === 1 ? "problem" : "problems"}: the timeline and preview show the last valid config.` : summary}
      </p>
      {count > 0 && <Located label="Problems" errors={errors} onGoTo={onGoTo} />}
      {/* A valid config's warnings (the CLI's): what will not work as written. */}
      {count === 0 && warnings.length > 0 && <Located label="Warnings" errors={warnings} onGoTo={onGoTo} />}
      <p class="hint">
        The same check on the command line: <code>npx progressive-profile validate questions.json</code>
      </p>
    </div>
  );
}

/** A list of problems or warnings, each as the CLI prints it, with a link to its place in the text. */
function Located({ label, errors, onGoTo }: { label: string; errors: LocatedError[]; onGoTo(line: number, column: number): void }) {
  return (
    <ol aria-label={label}>
      {errors.map((e) => (
        <li key={`${e.line}:${e.column}:${e.path}:${e.message}`}>
          <button type="button" class="link" onClick={() => onGoTo(e.line, e.column)}>
            Line {e.line}, column {e.column}
          </button>{" "}
          {/* As the CLI prints it: "path: message", or the message alone for the whole file. */}
          {e.path && (
            <>
              <code>{e.path}</code>:{" "}
            </>
          )}
          {e.message}
        </li>
      ))}
    </ol>
  );
}
