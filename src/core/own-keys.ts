// What zod is given to read (a config, a stored record): its own keys only, whatever a page
// has added to Object.prototype. Pure: no DOM, no storage.

/**
 * The value as it is written: each object's own keys only, in objects of no prototype. zod reads
 * a key with `in` and `[]`, and walks a strict object's keys with `for…in`, so on a page whose
 * `Object.prototype` was polluted (a query-string parser given `?__proto__[endpoint]=…`) a key
 * missing from a config would be read from the prototype (the answers' endpoint, for one), and
 * a stored record with the prototype's keys would be refused as having unknown ones. Deeper than
 * a config or a record goes, values are left as they are.
 */
export function ownKeysOnly(value: unknown, depth = 0, copies = new Map<object, unknown>()): unknown {
  if (depth > 20 || typeof value !== "object" || value === null) return value;
  // One copy per object: a value the input holds twice (or holds inside itself) is copied once.
  if (copies.has(value)) return copies.get(value);
  const copy: Record<string, unknown> = Array.isArray(value) ? [] : Object.create(null);
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = ownKeysOnly(item, depth + 1, copies);
  return copy;
}

/** `o[key]` when it is `o`'s own: never one inherited from a polluted `Object.prototype`. */
export const ownValue = <T extends object, K extends keyof T>(o: T, key: K): T[K] | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);
