/**
 * Preloaded by scripts/test.sh into every test process: property tests (fast-check) run with a
 * fixed seed, so the suite is reproducible run after run (a failure replays exactly; change the
 * seed with FC_SEED=n to explore other inputs).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261128) });

// The CLI's messages are coloured on a terminal and wherever CI is set (picocolors' rule); the
// tests read them as plain text, so every child process they start inherits NO_COLOR.
process.env.NO_COLOR = '1';
