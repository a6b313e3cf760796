/**
 * The rows of a release in a uniformly random order. A release in its input's order keeps a person's records side by
 * side, a practice's together, and whatever order the input was sorted by (a name, a date of entry): all linkable.
 */
import { randomInt } from 'node:crypto';
import { selectRows, type Table } from '../table/table.ts';

/** The table's rows in a uniformly random order (Fisher–Yates over node:crypto's randomInt: not seeded, not replayable). */
export function shuffledRows(t: Table): Table {
  const order = Array.from({ length: t.rowCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = randomInt(i + 1); const x = order[i]!; order[i] = order[j]!; order[j] = x; }
  return selectRows(t, order);
}
