/**
 * A progress bar on stderr for long work: drawn only on a terminal, only once the work has run
 * longer than a second, redrawn at most every 100 ms. Prints counts, never data.
 */
export interface Progress {
  /** Pass to the library as its onProgress callback (undefined when no bar can be drawn). */
  readonly onProgress: ((done: number, total: number, step?: string) => void) | undefined;
  /** Completes and removes the bar (when one was drawn). */
  finish(done?: number): void;
}

export async function progressBar(what: string, enabled = true): Promise<Progress> {
  if (!enabled || !process.stderr.isTTY) return { onProgress: undefined, finish() {} };
  const cli = (await import('cli-progress')).default;
  let bar: InstanceType<typeof cli.SingleBar> | null = null;
  const started = Date.now();
  let lastDraw = 0, last = 0, lastTotal = 0;
  return {
    onProgress(done: number, total: number, step?: string) {
      const now = Date.now();
      last = done;
      const payload = { step: step ?? '' };
      if (!bar && now - started > 1000) {
        bar = new cli.SingleBar({ format: `${what} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true }, cli.Presets.shades_classic);
        bar.start(total, done, payload);
        lastTotal = total;
      }
      // a new step is drawn at once; counts within a step at most every 100 ms
      if (bar && total !== lastTotal) bar.setTotal(total);
      lastTotal = total;
      if (bar && (step !== undefined || now - lastDraw > 100)) { bar.update(done, payload); lastDraw = now; }
    },
    finish(done?: number) {
      if (bar) { bar.update(done ?? last, { step: '' }); bar.stop(); }
    },
  };
}
