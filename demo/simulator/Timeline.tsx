// Visits 1…N as the simulated person lives them: the events ticked for each visit, the
// questions asked, and for every other question the core's reason in plain words.
import type { Config } from "../../src/config/schema";
import { explain, questionName, REASON_NAMES } from "./explain";
import type { VisitResult } from "./simulate";

export interface TimelineProps {
  config: Config;
  results: VisitResult[];
  visits: number;
  onVisits(visits: number): void;
  /** Event names the config's stages wait for (the toggles offered per visit). */
  eventNames: string[];
  events: Record<number, string[]>;
  onToggleEvent(visit: number, event: string, on: boolean): void;
  onPreview(visit: number): void;
}

export const MAX_VISITS = 10;

export function Timeline(props: TimelineProps) {
  const { results, visits, onVisits } = props;
  return (
    <section class="timeline panel" aria-labelledby="timeline-title">
      <div class="section-head">
        <h2 id="timeline-title">Timeline</h2>
        <div class="field inline">
          <label for="visit-count">Visits</label>
          <input
            id="visit-count"
            type="number"
            min={1}
            max={MAX_VISITS}
            value={visits}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= MAX_VISITS) onVisits(n);
            }}
          />
        </div>
      </div>
      <p class="hint">The simulated person answers every question asked (choices: the first option). Events happen at the start of the visit.</p>
      <ol class="visits">
        {results.map((result) => (
          <li key={result.visit}>
            <Visit {...props} result={result} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Visit({ config, result, eventNames, events, onToggleEvent, onPreview }: TimelineProps & { result: VisitResult }) {
  const { visit } = result;
  const titleId = `visit-${visit}-title`;
  const notAsked = Object.keys(result.dropped);
  return (
    <section class="visit" aria-labelledby={titleId}>
      <div class="section-head">
        <h3 id={titleId}>Visit {visit}</h3>
        <button type="button" class="secondary small" onClick={() => onPreview(visit)} aria-label={`Preview visit ${visit}`}>
          Preview
        </button>
      </div>
      {eventNames.map((event) => {
        const id = `event-${visit}-${event}`;
        return (
          <div class="check" key={event}>
            <input
              type="checkbox"
              id={id}
              checked={(events[visit] ?? []).includes(event)}
              onChange={(e) => onToggleEvent(visit, event, e.currentTarget.checked)}
            />
            <label for={id}>
              “{event}” event at visit {visit}
            </label>
          </div>
        );
      })}
      {result.asked.length ? (
        <>
          <p class="asks">Asks {result.asked.length === 1 ? "1 question" : `${result.asked.length} questions`}:</p>
          <ol class="asked" aria-label={`Asked at visit ${visit}`}>
            {result.asked.map((id) => (
              <li key={id}>{questionName(config, id)}</li>
            ))}
          </ol>
        </>
      ) : (
        <p class="asks">Asks nothing: the form does not appear.</p>
      )}
      {notAsked.length > 0 && (
        <table class="why">
          <caption>Not asked at visit {visit}</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Reason</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {notAsked.map((id) => {
              const reason = result.dropped[id]!;
              return (
                <tr key={id}>
                  <th scope="row">{questionName(config, id)}</th>
                  <td>
                    <span class={`reason reason-${reason}`}>{REASON_NAMES[reason]}</span>
                  </td>
                  <td>{explain(config, result, id)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
