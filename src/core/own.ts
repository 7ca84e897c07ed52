/**
 * Read a record parsed from a file by a key that comes from input. `obj[key]` on a plain object finds
 * Object.prototype's members for keys such as `constructor` or `toString`, so a column or parameter with such a
 * name crashed a reader or slipped past a check; `own` answers only for the object's own keys. Maps built by the
 * code itself are `Map`s (the `lantian/no-proto-keys` lint rule enforces both).
 */
export function own<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  // eslint-disable-next-line lantian/no-proto-keys -- the guarded lookup every other one goes through
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}

/** Tell whether a record parsed from a file has `key` as its own key (never a member of Object.prototype). */
export function hasOwn(obj: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(obj, key)
}
