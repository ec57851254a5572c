/**
 * Progress bars on stderr for work longer than a second; silent when stderr is not a
 * terminal or with --quiet, so piped output and CI logs stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

export function progressBar(label: string, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    // the time left is extrapolated from the progress so far (cli-progress's eta), a guide more than a promise
    { format: `${label} [{bar}] {percentage}% | {duration_formatted} elapsed, ~{eta_formatted} left`, stream: process.stderr, clearOnComplete: true, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const start = Date.now();
  let started = false;
  return {
    update(fraction: number) {
      if (!started) {
        if (Date.now() - start < 1000 && fraction < 1) return;
        bar.start(1000, 0);
        started = true;
      }
      bar.update(Math.round(Math.min(1, fraction) * 1000));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
