// The outbox: every submitted step is a message written here, durably, before the form moves
// on (STYLE "What we take" 7), and stays until the backend has it. Retry state lives on the
// message, so backoff survives reloads. Read-modify-writes go through `Store.update`, so a
// tab forgetting a person and the sender marking that person's message cannot undo each other.
import { FAILED_RETENTION_MS } from "../core/retry-policy";
import type { DeliveryFormat, PendingMessage } from "../core/types";
import { recordSchemas, parseOutboxEntry, parseOwnKeys, type Report } from "./records";
import type { Store } from "./store";

export interface OutboxEntry {
  v: 1;
  /** The messageId, minted once when the step was submitted; never regenerated. */
  id: string;
  personKey: string;
  message: PendingMessage;
  /** Where and how to POST, frozen at write time so a reload delivers exactly what was asked. */
  target: { endpoint: string; format: DeliveryFormat; headers: Record<string, string>; credentials: "omit" | "include" };
  /** Questions answered in this message: their values may be dropped once it is delivered. */
  questionIds: string[];
  /**
   * Those of them whose value the config that wrote the message keeps after delivery (`retain`,
   * or a `showIf` reads it): kept too when a page with another config delivers it. Absent in
   * entries written before it existed.
   */
  keep?: string[];
  createdAt: number;
  /** POSTs tried so far. */
  attempts: number;
  nextAttemptAt: number;
  status: "pending" | "failed";
  failedAt?: number;
  lastError?: string;
  /**
   * A keepalive POST of this message may still be open, after its page went away or its timeout
   * (the browser finishes it on its own); no tab sends the message again before this time, flush or not.
   */
  leaseUntil?: number;
}

const PREFIX = "msg:";

export function outboxKey(messageId: string): string {
  return PREFIX + messageId;
}

/**
 * Resolves once the entry is committed; rejects when the write fails, or when the entry would
 * not parse back (a message we could not read later would be lost silently).
 */
export async function putMessage(store: Store, entry: OutboxEntry): Promise<void> {
  const checked = parseOwnKeys(recordSchemas().outboxEntry, entry);
  if (!checked.success) {
    const paths = checked.error.issues.map((issue) => issue.path.map(String).join(".") || "(entry)");
    throw new Error(`Refusing to write an invalid outbox entry (${paths.join(", ")}).`);
  }
  await store.set(outboxKey(entry.id), checked.data);
}

/** Every readable entry, oldest first (createdAt, then id, so the order is total). */
export async function allMessages(store: Store, report: Report): Promise<OutboxEntry[]> {
  const found: OutboxEntry[] = [];
  for (const [key, raw] of await store.entries()) {
    if (!key.startsWith(PREFIX)) continue;
    const entry = parseOutboxEntry(raw, report, key);
    if (entry) found.push(entry);
  }
  return found.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function pendingMessages(store: Store, report: Report): Promise<OutboxEntry[]> {
  return (await allMessages(store, report)).filter((entry) => entry.status === "pending");
}

/** Records a failed attempt. Resolves with the updated entry, or null when it is gone. */
export function markRetry(
  store: Store,
  id: string,
  attempts: number,
  nextAttemptAt: number,
  error: string,
  leaseUntil?: number,
): Promise<OutboxEntry | null> {
  // The attempt is over, so a keepalive lease taken for it ends too, unless its request may
  // still be on its way (`leaseUntil`: a keepalive POST that timed out).
  return change(store, id, ({ leaseUntil: _over, ...entry }) => ({ ...entry, attempts, nextAttemptAt, lastError: error, ...(leaseUntil && { leaseUntil }) }));
}

/** Leases an entry for a keepalive POST that may outlive this page (see `leaseUntil`). */
export function leaseMessage(store: Store, id: string, until: number): Promise<OutboxEntry | null> {
  return change(store, id, (entry) => ({ ...entry, leaseUntil: until }));
}

/** Gives up on an entry (a 4xx that retrying cannot fix); it is kept 7 days, then purged. */
export function markFailed(store: Store, id: string, now: number, reason: string): Promise<OutboxEntry | null> {
  return change(store, id, (entry) => ({ ...entry, status: "failed", failedAt: now, lastError: reason }));
}

/**
 * The sender's two per-message steps for several messages, in one transaction: removes the
 * delivered entries `remove`, and reads `reread` again right before they are sent. Resolves
 * with the re-read entries in the order asked: null for one that is gone (forget() deleted
 * it) or no longer readable (reported).
 */
export async function removeAndReread(
  store: Store,
  remove: readonly string[],
  reread: readonly string[],
  report: Report,
): Promise<(OutboxEntry | null)[]> {
  const keys = reread.map(outboxKey);
  const raws = await store.deleteAndGet(remove.map(outboxKey), keys);
  return raws.map((raw, i) => (raw === undefined ? null : parseOutboxEntry(raw, report, keys[i])));
}

/**
 * Deletes failed entries older than the retention period. `listed` is the outbox as the caller
 * has just read it (spares reading it again); each deletion is checked again inside its
 * transaction, as another tab may have changed the entry since.
 */
export async function purgeExpiredFailures(store: Store, now: number, listed: readonly OutboxEntry[]): Promise<void> {
  const isExpired = (entry: OutboxEntry): boolean => entry.status === "failed" && now - (entry.failedAt ?? 0) > FAILED_RETENTION_MS;
  for (const entry of listed) {
    if (!isExpired(entry)) continue;
    await store.update(outboxKey(entry.id), (current) => {
      const parsed = parseOwnKeys(recordSchemas().outboxEntry, current);
      return parsed.success && isExpired(parsed.data) ? undefined : current;
    });
  }
}

/**
 * `forget()`: deletes every entry of this person, including ones that no longer parse (a
 * record from another version is still this person's data) as long as they name the person.
 */
export async function deleteForPerson(store: Store, personKey: string): Promise<void> {
  for (const [key, raw] of await store.entries()) {
    if (key.startsWith(PREFIX) && namesPerson(raw, personKey)) await store.del(key);
  }
}

function namesPerson(raw: unknown, personKey: string): boolean {
  return typeof raw === "object" && raw !== null && "personKey" in raw && raw.personKey === personKey;
}

/**
 * One atomic change to a readable entry. An entry that is gone stays gone (returning
 * undefined deletes nothing that exists), and one that does not parse is left as it is.
 */
async function change(store: Store, id: string, fn: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | null> {
  let updated: OutboxEntry | null = null;
  await store.update(outboxKey(id), (current) => {
    if (current === undefined) return undefined;
    const entry = parseOwnKeys(recordSchemas().outboxEntry, current);
    if (!entry.success) return current;
    updated = fn(entry.data);
    return updated;
  });
  return updated;
}
