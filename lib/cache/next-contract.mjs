// What the page cache handlers know of Next's cache-handler API (next@16.5.0,
// server/lib/incremental-cache): the calls IncrementalCache makes on `cacheHandler`, and the values
// it hands to `set`. A call or a value outside these is a coupling that broke (decision 027): it is
// logged once, naming it, and the value is not stored (the page renders as without a cache), rather
// than kept in a shape the handlers read wrong (`value.status` decides the 404/410 budget).

import { NextCouplingError } from '../http/next-couplings.mjs';
import { logError } from '../observability/log.mjs';

/** The methods Next calls: get(key, ctx), set(key, value, ctx), revalidateTag(tags, durations), resetRequestCache(). */
export const KNOWN_CALLS = new Set(['get', 'set', 'revalidateTag', 'resetRequestCache']);

/** The value kinds Next stores (CachedRouteKind), with the fields the handlers read and their types. */
const KNOWN_KINDS = {
  APP_PAGE: { html: ['string', 'object'], rscData: ['buffer', 'undefined'], status: ['number', 'undefined'], headers: ['object', 'undefined'], segmentData: ['map', 'undefined'], postponed: ['string', 'undefined'] },
  APP_ROUTE: { body: ['buffer'], status: ['number'], headers: ['object'] },
  PAGES: { html: ['string', 'object'], status: ['number', 'undefined'], headers: ['object', 'undefined'] },
  FETCH: { data: ['object'] },
  REDIRECT: { props: ['object'] },
  IMAGE: {},
};

const typeOf = (value) => (value instanceof Uint8Array ? 'buffer' : value instanceof Map ? 'map' : value === null ? 'null' : typeof value);

/** Throws NextCouplingError when `value` (what Next hands to set) is not a shape the handlers know. */
export function checkCacheValue(value) {
  if (value === null || value === undefined) return;
  const fields = KNOWN_KINDS[value.kind];
  if (!fields) throw new NextCouplingError('cache', `Next handed the cache handler a value of kind ${JSON.stringify(value.kind)}, which it does not know (known: ${Object.keys(KNOWN_KINDS).join(', ')})`);
  for (const [field, types] of Object.entries(fields)) {
    const type = typeOf(value[field]);
    if (!types.includes(type)) {
      throw new NextCouplingError('cache', `Next handed the cache handler a ${value.kind} value whose ${field} is ${type}, not ${types.join(' or ')}`);
    }
  }
}

/** Property names read on any object by the runtime or by inspection, not calls from Next. */
const NOT_CALLS = new Set(['then', 'constructor', 'toJSON', 'inspect', 'cache', 'asymmetricMatch', '$$typeof', 'nodeType', 'toString', 'valueOf']);

/**
 * The handler class with the contract checked on every instance: set() refuses a value it does not
 * know, and a method Next asks for that the handler lacks is reported. `report` gets each error once
 * per coupling change (the server's log, lib/observability/log.mjs, by default).
 */
export function withNextContract(Handler, report = onceLogged()) {
  return class CheckedCacheHandler extends Handler {
    constructor(...args) {
      super(...args);
      return new Proxy(this, {
        get(target, property, receiver) {
          if (typeof property === 'string' && !KNOWN_CALLS.has(property) && !NOT_CALLS.has(property) && !(property in target)) {
            report(new NextCouplingError('cache', `Next asked the cache handler for ${property}(), a call it does not know (known: ${[...KNOWN_CALLS].join(', ')})`));
          }
          return Reflect.get(target, property, receiver);
        },
      });
    }

    async set(key, value, ctx) {
      try {
        checkCacheValue(value);
      } catch (error) {
        report(error);
        return;
      }
      return super.set(key, value, ctx);
    }
  };
}

/** A reporter that logs each distinct message once. */
export function onceLogged(log = (line) => logError(line)) {
  const seen = new Set();
  return (error) => {
    if (seen.has(error.message)) return;
    seen.add(error.message);
    log(error.message);
  };
}
