/**
 * makeBoundedContributions: assign each row to a cell (a function of that row's own values) and
 * keep, per patient, at most `rowsPerCell` rows in each cell and at most `cellsPerPatient` cells
 * (the first ones in table order). Stability: identity on the patient metric; the output domain
 * records the bounds that later sensitivities use. Proof: makeBoundedContributions.proof.md.
 */
import { type PatientRowsDomain, type BoundedCellsDomain, type Transformation, precondition } from '../core.ts';
import type { PatientRows } from '../prepare.ts';
import type { Table } from '../../table/table.ts';
import type { Rational } from '../rational.ts';

/** Rows assigned to cells after bounding. */
export interface BoundedCells {
  readonly data: PatientRows;
  /** Cell of each row, or −1 when the row is dropped (filtered, no cell, or over a bound). */
  readonly cell: Int32Array;
  /** 1 on the first kept row of a patient in a cell (to count distinct patients). */
  readonly first: Uint8Array;
  /** Number of cells (public keys: the public count; data keys: the number observed). */
  readonly cells: number;
}

/** Assigns cells row by row; MUST depend only on each row's own values. */
export type CellAssigner = (table: Table) => { cell: Int32Array; cells: number };

export interface BoundOptions {
  /** Public number of cells, or null when keys come from the data (partition selection). */
  cells: number | null;
  assign: CellAssigner;
  rowsPerCell: number;
  cellsPerPatient: number;
}

export function makeBoundedContributions(
  inputDomain: PatientRowsDomain, inputMetric: 'patient', opts: BoundOptions,
): Transformation<PatientRows, BoundedCells> {
  precondition(inputDomain.kind === 'patient-rows', 'makeBoundedContributions', 'input must be patient rows');
  precondition(inputMetric === 'patient', 'makeBoundedContributions', 'input metric must be the patient metric');
  precondition(Number.isInteger(opts.rowsPerCell) && opts.rowsPerCell >= 1, 'makeBoundedContributions', 'rowsPerCell must be an integer ≥ 1');
  precondition(Number.isInteger(opts.cellsPerPatient) && opts.cellsPerPatient >= 1, 'makeBoundedContributions', 'cellsPerPatient must be an integer ≥ 1');
  precondition(opts.cells === null || (Number.isInteger(opts.cells) && opts.cells >= 1), 'makeBoundedContributions', 'cells must be a positive integer or null');
  const m = opts.rowsPerCell, k = opts.cellsPerPatient;
  const outputDomain: BoundedCellsDomain = {
    kind: 'bounded-cells', cells: opts.cells, rowsPerCell: m, cellsPerPatient: k,
    ...(inputDomain.value ? { value: inputDomain.value } : {}),
  };
  return Object.freeze({
    kind: 'transformation' as const,
    name: `bound(m=${m},k=${k})`,
    inputDomain,
    inputMetric,
    outputDomain,
    outputMetric: 'patient' as const,
    function: (data: PatientRows): BoundedCells => {
      const { cell: rowCell, cells } = opts.assign(data.table);
      if (opts.cells !== null && cells !== opts.cells) throw new Error('cell assigner disagrees with the public number of cells');
      const n = data.table.rowCount;
      const first = new Uint8Array(n);
      const cell = rowCell; // the assigner's array is ours: rewritten in place (−1 = dropped)
      const { mask, patients } = data;
      if (patients * k <= 16_777_216) {
        // one sequential pass in table order with per-patient state (the first rows of each patient
        // in table order are kept — the same rows as a pass patient by patient)
        const pcol = data.table.columns.find((c) => c.name === data.patientColumn)!;
        // (a patient's index from the code of its key: keys that differ by spaces are one patient — preparePatientRows)
        const pcodes = pcol.codes, patientOf = data.patientOfCode;
        const slotCell = new Int32Array(patients * k).fill(-1);
        const slotUsed = new Int32Array(patients * k);
        for (let r = 0; r < n; r++) {
          const c = cell[r]!;
          if (c < 0) continue;
          const p = patientOf[pcodes[r]!]!;
          if (p < 0 || (mask && mask[r] === 0)) { cell[r] = -1; continue; }
          let s = p * k;
          if (k === 1) {
            if (slotCell[s] !== c && slotCell[s] !== -1) { cell[r] = -1; continue; } // over the cells-per-patient bound
          } else {
            const end = s + k;
            while (s < end && slotCell[s] !== c && slotCell[s] !== -1) s++;
            if (s === end) { cell[r] = -1; continue; } // over the cells-per-patient bound
          }
          if (slotCell[s] === -1) slotCell[s] = c;
          const u = slotUsed[s]!;
          if (u === m) { cell[r] = -1; continue; } // over the rows-per-cell bound
          if (u === 0) first[r] = 1;
          slotUsed[s] = u + 1;
        }
        return Object.freeze({ data, cell, first, cells });
      }
      // large k: patient by patient through the patient index
      const out = new Int32Array(n).fill(-1);
      const seen = new Int32Array(cells).fill(-1);
      const used = new Int32Array(cells);
      const { order, start } = data;
      for (let p = 0; p < patients; p++) {
        let touched = 0;
        for (let i = start[p]!, e = start[p + 1]!; i < e; i++) {
          const r = order[i]!;
          if (mask && mask[r] === 0) continue;
          const c = rowCell[r]!;
          if (c < 0) continue;
          if (seen[c] !== p) {
            if (touched === k) continue; // over the cells-per-patient bound
            seen[c] = p; used[c] = 0; touched++;
          }
          if (used[c] === m) continue; // over the rows-per-cell bound
          if (used[c] === 0) first[r] = 1;
          used[c]!++;
          out[r] = c;
        }
      }
      return Object.freeze({ data, cell: out, first, cells });
    },
    stabilityMap: (d: Rational) => d,
  });
}
