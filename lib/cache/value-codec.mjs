// Turns Next's cache entries into a string for Redis and back, exactly: an APP_PAGE's rscData
// Buffer and its segmentData (a Map of Buffers, which client prefetches of `/_tree` need intact),
// an APP_ROUTE's body Buffer, headers, status, and any other kind, field for field.
//
// JSON with tagged values: Buffers as base64, Maps as entry lists, undefined kept (JSON would drop
// the property). JSON.stringify hands a replacer the value after its toJSON (a Buffer arrives as
// {type, data}), so the replacer reads the raw value from its holder (`this[key]`).

const TAG = '\u0000kk';

function replacer(key) {
  const raw = this[key];
  if (Buffer.isBuffer(raw)) return { [TAG]: 'b', v: raw.toString('base64') };
  if (raw instanceof Uint8Array) return { [TAG]: 'u', v: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (raw instanceof Map) return { [TAG]: 'm', v: [...raw] };
  if (raw instanceof Set) return { [TAG]: 's', v: [...raw] };
  if (raw instanceof Date) return { [TAG]: 'd', v: raw.toISOString() };
  if (raw === undefined && key !== '') return { [TAG]: 'x' };
  return raw;
}

/** The value a tagged JSON value stands for, walked depth first. */
function revive(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(revive);
  if (TAG in value) {
    switch (value[TAG]) {
      case 'b':
        return Buffer.from(value.v, 'base64');
      case 'u':
        return new Uint8Array(Buffer.from(value.v, 'base64'));
      case 'm':
        return new Map(value.v.map(revive));
      case 's':
        return new Set(value.v.map(revive));
      case 'd':
        return new Date(value.v);
      case 'x':
        return undefined;
    }
  }
  const object = {};
  for (const [key, item] of Object.entries(value)) object[key] = revive(item);
  return object;
}

/** A cache entry (any JSON-like value with Buffers, Maps, Sets, Dates) as one string. */
export function encodeEntry(entry) {
  return JSON.stringify(entry, replacer);
}

/** The entry back, exactly as it was given to encodeEntry. */
export function decodeEntry(text) {
  return revive(JSON.parse(text));
}
