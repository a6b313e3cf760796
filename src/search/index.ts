export type { Engine, EngineSpec, ModelSpec, RunOptions } from './engine.ts';
export { createEngine, runSearch } from './engine.ts';
export type { SearchOptions, SearchResult, StrategyName } from './search.ts';
export { exhaustiveSearch, optimalSearch, heuristicSearch, better, monotonicity } from './search.ts';
