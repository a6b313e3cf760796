export type { Hierarchy, CompiledHierarchy } from './hierarchy.ts';
export {
  readArxHierarchy, writeArxHierarchy, parseArxHierarchy, formatArxHierarchy,
  compileHierarchy, levelMap,
} from './hierarchy.ts';
export { validateHierarchy, checkCoverage } from './validate.ts';
export { buildHierarchy, hierarchySpecSchema } from './builders/index.ts';
export type { HierarchySpec } from './builders/index.ts';
