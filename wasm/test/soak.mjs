// The soak loop, shared by Node (test/soak-node.mjs) and workerd (test/workerd/soak-worker.mjs):
// many verify-and-parse calls on a one-event batch in one process, with a forged request (also
// with diagnose: true), a stale one, a Custom Channels delivery, a bad body (partial mode) and a
// wrong argument mixed in, sampling the module's
// memory and its table of JavaScript references (and, where given, the JS heap) after warm-up
// and at the end.
const SECRET = 'soak-client-secret';
const URL_ = 'https://example.com/hubspot/webhook';

/**
 * Runs `calls` iterations in `rounds` rounds; `sample()` gives the memory figures. Returns the
 * samples (one after warm-up, one per round) and the count of each outcome.
 */
export function soak(h, { body, now, calls, rounds = 10, warmup = Math.min(20_000, calls / 10), sample }) {
  const headers = h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: now - 1000 });
  const forged = h.signedHeaders({ secret: 'not-the-secret', url: URL_, body, timestamp: now - 1000 });
  const stale = h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: now - 3_600_000 });
  const good = { method: 'POST', url: URL_, headers: new Headers(headers), body };
  const plain = { method: 'POST', url: URL_, headers, body };
  const bad = { method: 'POST', url: URL_, headers: forged, body };
  const old = { method: 'POST', url: URL_, headers: stale, body };
  const partialBody = new TextEncoder().encode('[{"eventId":1},' + new TextDecoder().decode(body).slice(1));
  const channelBody = JSON.stringify({ type: 'CHANNEL_ACCOUNT_PURGED', portalId: '1', channelId: '2', channelAccountId: '3', eventTimestamp: '2026-01-01T00:00:00Z' });
  const channel = { method: 'POST', url: URL_, headers: h.signedHeaders({ secret: SECRET, url: URL_, body: channelBody, timestamp: now - 1000 }), body: channelBody };
  const counts = { events: 0, channel: 0, diagnosed: 0, signature_mismatch: 0, timestamp_too_old: 0, rejected: 0, invalid_argument: 0 };
  const expectError = (fn, code) => {
    try {
      fn();
    } catch (e) {
      if (e.code !== code) throw e;
      counts[code]++;
      return;
    }
    throw new Error(`expected ${code}`);
  };
  const step = (i) => {
    switch (i % 16) {
      case 3:
        expectError(() => h.verifyAndParse(bad, { secret: SECRET, now }), 'signature_mismatch');
        break;
      case 5: {
        const d = h.verifyAndParse(channel, { secret: SECRET, now });
        if (d.kind !== 'channel' || d.channelEvent.channelAccountId !== '3') throw new Error('wrong Custom Channels delivery');
        counts.channel++;
        break;
      }
      case 7:
        expectError(() => h.verify(old, { secret: SECRET, now }), 'timestamp_too_old');
        break;
      case 9:
        // The diagnosis runs in the tools module: a forged request with diagnose: true.
        try {
          h.verifyAndParse(bad, { secret: SECRET, now, diagnose: true });
          throw new Error('expected signature_mismatch');
        } catch (e) {
          if (e.code !== 'signature_mismatch' || !Array.isArray(e.diagnosis?.findings)) throw e;
          counts.diagnosed++;
        }
        break;
      case 11:
        counts.rejected += h.parseBatch(partialBody, { partial: true }).rejected.length;
        break;
      case 13:
        expectError(() => h.verifyAndParse(good, { secret: 42, now }), 'invalid_argument');
        break;
      default: {
        const d = h.verifyAndParse(i % 2 ? good : plain, { secret: SECRET, now });
        if (d.events.length !== 1 || d.events[0].rawJson.length < 10) throw new Error('wrong delivery');
        counts.events += d.events.length;
      }
    }
  };
  let i = 0;
  for (; i < warmup; i++) step(i);
  const samples = [sample()];
  const perRound = Math.ceil((calls - warmup) / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const end = Math.min(calls, i + perRound); i < end; i++) step(i);
    samples.push(sample());
  }
  return { calls: i, counts, samples };
}

/** Problems with the samples: any growth of the module's memory or reference table after warm-up, or of the heap beyond `heapSlack` bytes. */
export function growth(samples, { heapSlack = 1 << 20 } = {}) {
  const [first, ...rest] = samples;
  const problems = [];
  for (const s of rest) {
    if (s.wasmBytes > first.wasmBytes) problems.push(`wasm memory grew: ${first.wasmBytes} -> ${s.wasmBytes} bytes`);
    if (s.tableLength > first.tableLength) problems.push(`reference table grew: ${first.tableLength} -> ${s.tableLength}`);
    if (s.heapUsed !== undefined && s.heapUsed - first.heapUsed > heapSlack) problems.push(`JS heap grew: ${first.heapUsed} -> ${s.heapUsed} bytes`);
  }
  return [...new Set(problems)];
}
