// Ids for messages and anonymous people, from the browser's crypto.

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a page on
 * plain http gets the same layout from getRandomValues: each 0, 1 or 8 of the template becomes
 * a random hex digit, the 8 keeping the variant bits (10xx) and the 4 staying the version.
 */
export function makeUuid(): string {
  return (
    crypto.randomUUID?.() ??
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16),
    )
  );
}
