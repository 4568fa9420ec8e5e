/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default and as a
 * lock order must (one order everywhere, whatever the locale): localeCompare would not do.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
