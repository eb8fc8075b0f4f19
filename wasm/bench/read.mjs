// What both sides of every bench do after each call: read every field of every event that the
// event carries, by the JSON names of the core's field table (the package's eventFields(), no
// list written here), so that building events lazily is allowed but not free.
//
// - read(events) is the timed read: it loads each member and touches its value (a string's
//   length, each element of a list, each member of an object), converting nothing, so that
//   neither side pays for the other's representation (ours: IDs as exact strings; the peer's
//   JSON.parse: numbers).
// - checksum(events) reads the same members and folds their canonical text (FNV-1a, 32 bits)
//   into one number: the two sides must agree on it, or the bench fails.

function touch(v) {
  if (typeof v === 'string') return v.length;
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) n += touch(v[i]);
  else for (const k in v) n += touch(v[k]);
  return n;
}

function canonical(v) {
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${k}:${canonical(v[k])}`).join(',')}}`;
}

/** The timed read and the checksum over the members named by `fields` (eventFields()). */
export function reader(fields) {
  const names = fields.map((f) => f.json);
  if (names.length === 0) throw new Error('bench: the package lists no event fields');
  function read(events) {
    let n = 0;
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      for (let i = 0; i < names.length; i++) {
        const v = event[names[i]];
        if (v !== undefined) n += touch(v);
      }
    }
    return n;
  }
  function checksum(events) {
    let h = 0x811c9dc5;
    let fieldsRead = 0;
    for (const event of events) {
      for (const name of names) {
        const v = event[name];
        if (v === undefined) continue;
        fieldsRead++;
        const text = `${name}=${canonical(v)};`;
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
      }
      h = Math.imul(h ^ 0x7c, 0x01000193) >>> 0; // event boundary
    }
    return { checksum: h.toString(16).padStart(8, '0'), events: events.length, fields: fieldsRead };
  }
  return { names, read, checksum };
}

/** Throws unless both sides read the same values: prints and compares their checksums. */
export function sameReading(label, ours, peer, print) {
  const o = `${ours.checksum} (${ours.events} events, ${ours.fields} fields)`;
  const p = `${peer.checksum} (${peer.events} events, ${peer.fields} fields)`;
  print(`${label}: checksum ours ${o}, peer ${p}`);
  if (o !== p) throw new Error(`${label}: the two sides read different events (ours ${o}, peer ${p})`);
}
