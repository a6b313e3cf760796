/**
 * A record's own entry at a key that comes from the data (a column name): `o[k]` alone finds the inherited members of
 * every object — a column named "constructor" or "toString" would read as declared.
 */
export function own<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}
