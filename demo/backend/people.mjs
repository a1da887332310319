// GET /api/people: each person and their profile as it filled up, visit by visit — which
// answers arrived at which visit, from which message. Built from the stored rows on each call.

/** Everyone the backend knows: people with messages, and demo users who only logged in. */
export function listPeople(db) {
  const logins = new Map(db.logins().map((l) => [l.userId, l.count]));
  const people = new Map();
  const personFor = (id, userId) => {
    if (!people.has(id)) {
      people.set(id, { person: id, userId, anonymousIds: [], logins: logins.get(id) ?? 0, lastSeenAt: null, traits: {}, visits: [] });
    }
    return people.get(id);
  };

  for (const row of db.messages()) {
    const person = personFor(row.person, row.user_id);
    if (!person.anonymousIds.includes(row.anonymous_id)) person.anonymousIds.push(row.anonymous_id);
    const answers = JSON.parse(row.answers);
    // Rows come oldest first, so a later answer to the same question wins, as in `traits`.
    Object.assign(person.traits, answers);
    if (person.lastSeenAt === null || row.received_at > person.lastSeenAt) person.lastSeenAt = row.received_at;
    let visit = person.visits.find((v) => v.visit === row.visit);
    if (!visit) person.visits.push((visit = { visit: row.visit, messages: [] }));
    visit.messages.push({
      messageId: row.message_id,
      idempotencyKey: row.idempotency_key,
      answers,
      skipped: JSON.parse(row.skipped),
      format: row.format,
      locale: row.locale,
      page: row.page,
      configId: row.config_id,
      configVersion: row.config_version,
      answeredAt: row.answered_at,
      receivedAt: row.received_at,
      repeats: row.repeats,
    });
  }
  for (const [userId] of logins) personFor(userId, userId);

  const list = [...people.values()];
  for (const p of list) p.visits.sort((a, b) => a.visit - b.visit);
  // Most recently active first: the person a visitor is clicking through is at the top.
  return list.sort((a, b) => String(b.lastSeenAt ?? "").localeCompare(String(a.lastSeenAt ?? "")) || a.person.localeCompare(b.person));
}
