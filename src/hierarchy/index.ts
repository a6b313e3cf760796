export type { Hierarchy } from './hierarchy.ts';
export { readArxHierarchy, writeArxHierarchy, parseArxHierarchy, formatArxHierarchy } from './hierarchy.ts';
