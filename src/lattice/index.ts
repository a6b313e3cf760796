export type { Lattice } from './lattice.ts';
export { makeLattice, idOf, levelsOf, heightOf, forEachSuccessor, forEachPredecessor, leq, propagate, Flag } from './lattice.ts';
