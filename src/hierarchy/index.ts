export type { Hierarchy, CompiledHierarchy } from './hierarchy.ts';
export {
  readArxHierarchy, writeArxHierarchy, parseArxHierarchy, formatArxHierarchy,
  compileHierarchy, checkHierarchyStructure, levelMap,
} from './hierarchy.ts';
