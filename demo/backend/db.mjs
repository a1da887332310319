// The demo backend's storage: one SQLite file (better-sqlite3, WAL), so answers survive a
// restart the way they would in a real backend. Two tables:
//   messages  one row per delivered message; Idempotency-Key is UNIQUE, so a retried
//             message is stored once (its `repeats` counts the extra arrivals)
//   logins    the demo's identity provider: how many times each demo user has logged in
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT    NOT NULL UNIQUE,
  message_id      TEXT    NOT NULL,
  person          TEXT    NOT NULL,
  user_id         TEXT,
  anonymous_id    TEXT    NOT NULL,
  config_id       TEXT    NOT NULL,
  config_version  INTEGER NOT NULL,
  visit           INTEGER NOT NULL,
  answers         TEXT    NOT NULL,
  skipped         TEXT    NOT NULL,
  format          TEXT    NOT NULL,
  locale          TEXT    NOT NULL,
  page            TEXT    NOT NULL,
  answered_at     TEXT    NOT NULL,
  sent_at         TEXT    NOT NULL,
  received_at     TEXT    NOT NULL,
  repeats         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS messages_person ON messages (person, visit, answered_at);
CREATE TABLE IF NOT EXISTS logins (
  user_id       TEXT    PRIMARY KEY,
  count         INTEGER NOT NULL,
  last_login_at TEXT    NOT NULL
);`;

/** Opens (creating if needed) the database at `file`; ":memory:" works for throwaway runs. */
export function openDatabase(file) {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers (the people page) never wait for the writer (a delivery), and a process that
  // dies mid-write loses nothing it acknowledged (with synchronous = NORMAL, a power loss may
  // take the last commits: fine for a demo).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(SCHEMA);
  return createQueries(db);
}

function createQueries(db) {
  const insert = db.prepare(`
    INSERT INTO messages (idempotency_key, message_id, person, user_id, anonymous_id, config_id,
      config_version, visit, answers, skipped, format, locale, page, answered_at, sent_at, received_at)
    VALUES (@key, @messageId, @person, @userId, @anonymousId, @configId, @configVersion, @visit,
      @answers, @skipped, @format, @locale, @page, @answeredAt, @sentAt, @receivedAt)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  // What a retry carries unchanged (only sentAt differs between tries, SPEC §7).
  const byKey = db.prepare(`
    SELECT message_id AS messageId, person, user_id AS userId, anonymous_id AS anonymousId, config_id AS configId,
      config_version AS configVersion, visit, answers, skipped, locale, page, answered_at AS answeredAt
    FROM messages WHERE idempotency_key = ?`);
  const countRepeat = db.prepare("UPDATE messages SET repeats = repeats + 1 WHERE idempotency_key = ?");
  const allMessages = db.prepare("SELECT * FROM messages ORDER BY person, visit, answered_at, id");
  const personMessages = db.prepare("SELECT answers FROM messages WHERE person = ? ORDER BY answered_at, id");
  const login = db.prepare(`
    INSERT INTO logins (user_id, count, last_login_at) VALUES (?, 1, ?)
    ON CONFLICT (user_id) DO UPDATE SET count = count + 1, last_login_at = excluded.last_login_at
    RETURNING count`);
  const loginCount = db.prepare("SELECT count FROM logins WHERE user_id = ?");
  const allLogins = db.prepare("SELECT user_id AS userId, count FROM logins");
  const deleteMessages = db.prepare("DELETE FROM messages WHERE person = ? OR user_id = ?");
  const deleteLogins = db.prepare("DELETE FROM logins WHERE user_id = ?");

  /**
   * Stores a parsed message under its idempotency key, in one transaction:
   * "stored" the first time, "repeat" when the same message comes again (a retry), and
   * "conflict" when the key was already used for a different message (another messageId, or the
   * same one with other content: only `sentAt` may differ between tries).
   */
  const store = db.transaction((key, message, format, receivedAt) => {
    const row = {
      key,
      messageId: message.messageId,
      person: message.userId ?? message.anonymousId,
      userId: message.userId,
      anonymousId: message.anonymousId,
      configId: message.configId,
      configVersion: message.configVersion,
      visit: message.visit,
      answers: JSON.stringify(message.answers),
      skipped: JSON.stringify(message.skipped),
      format,
      locale: message.locale,
      page: message.page,
      answeredAt: message.answeredAt,
      sentAt: message.sentAt,
      receivedAt,
    };
    if (insert.run(row).changes === 1) return "stored";
    const before = byKey.get(key);
    const same = ["messageId", "person", "userId", "anonymousId", "configId", "configVersion", "visit", "answers", "skipped", "locale", "page", "answeredAt"];
    if (same.some((field) => before[field] !== row[field])) return "conflict";
    countRepeat.run(key);
    return "repeat";
  });

  return {
    store,
    /** Every stored message, oldest first within each person and visit. */
    messages: () => allMessages.all(),
    /** The person's answers so far, later answers winning: what `profileUrl` serves. */
    traits(person) {
      const traits = {};
      for (const { answers } of personMessages.all(person)) Object.assign(traits, JSON.parse(answers));
      return traits;
    },
    /** One more login for `userId`; returns the new count (the visit the host reports). */
    login: (userId) => login.get(userId, new Date().toISOString()).count,
    loginCount: (userId) => loginCount.get(userId)?.count ?? 0,
    logins: () => allLogins.all(),
    /** Deletes everything the backend holds about one person (the demo's reset). */
    forget: db.transaction((person) => {
      deleteMessages.run(person, person);
      deleteLogins.run(person);
    }),
    forgetEveryone: db.transaction(() => {
      db.exec("DELETE FROM messages; DELETE FROM logins;");
    }),
    close: () => db.close(),
  };
}
