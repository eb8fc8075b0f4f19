// The timing of make bench-node: the median over samples of the mean time per call.

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median over samples of the mean time per call, in microseconds. */
export function time(fn, { samples = 25, minMs = 20 } = {}) {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms >= minMs) break;
    n *= 2;
  }
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e3 / n);
  }
  return median(out);
}

export { median };
