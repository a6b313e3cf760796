/**
 * What to undo when the process is stopped by a signal (Ctrl-C, SIGTERM) in the middle of a write:
 * the temporary files and folders of atomic writes hold partial outputs — records of patients — that
 * must not stay on disk. Writers register a synchronous undo while their temporary output exists
 * (`onAbort`, which returns the unregistering function); the CLI runs them all before exiting
 * (`runAbortHandlers`). A SIGKILL cannot be caught: its temporary files stay, named `.<target>.<pid>.<hex>.tmp`.
 */
const handlers = new Set<() => void>();

export function onAbort(undo: () => void): () => void {
  handlers.add(undo);
  return () => { handlers.delete(undo); };
}

/** Runs every registered undo (last registered first); an undo that fails does not stop the others. */
export function runAbortHandlers(): void {
  for (const h of [...handlers].reverse()) {
    try { h(); } catch { /* the others still run */ }
  }
  handlers.clear();
}
