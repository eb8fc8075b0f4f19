// The timing of make bench-node: the median over samples of the mean CPU time per call
// (process.cpuUsage, user + system), so that other work on a shared machine changes the figures
// less than wall-clock time would.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function cpuMicros(since) {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

/** Median over samples of the mean CPU time per call, in microseconds. */
export function time(fn, { samples = 25, minMs = 20 } = {}) {
  let n = 1;
  for (;;) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    if (cpuMicros(t0) / 1000 >= minMs) break;
    n *= 2;
  }
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    out.push(cpuMicros(t0) / n);
  }
  return median(out);
}

/**
 * Runs `fns` in turn for `ms` milliseconds: V8 compiles WebAssembly with its baseline compiler
 * first and optimises it in the background, and the first case measured would otherwise time
 * part of that.
 */
export function warmUp(fns, ms = 1000) {
  let sink = 0;
  const start = Date.now();
  while (Date.now() - start < ms) for (const fn of fns) sink += Number(Boolean(fn()));
  return sink;
}
