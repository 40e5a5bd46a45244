// The server's log (a leaf: it imports nothing of the site's, so the store, the cache handlers and
// the HTTP layer all log through it): one JSON object per line on stdout (pino), with the time, level, message, and
// the request id and route kind of the request it was written in. Plain JavaScript, like the cache
// handlers, so that modules Next loads outside its bundles (lib/cache/*.mjs) log through it too.
// See docs/decisions/029-observability.md.
//
// Until the server turns JSON on (startServerLogs, from instrumentation.ts), a line goes to the
// console as before: the command-line tools (npm run publish, content:import) share the store's
// modules, and their readers are people at a terminal, not a log collector.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';

const STATE = Symbol.for('kabar-kini.log');

/**
 * On globalThis: Next loads the instrumentation, each route's bundle and the cache handler as
 * separate module graphs, each with its own copy of this module; they share one logger and one
 * request context through this.
 */
function state() {
  return (globalThis[STATE] ??= { logger: undefined, requests: new AsyncLocalStorage() });
}

/** The levels LOG_LEVEL may name, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Header names whose values never reach a log line, wherever they appear in a logged object. */
const SECRET_KEYS = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-revalidate-secret', 'token', 'password', 'secret', 'previewsecret', 'desksecret', 'apikey', 'api_key'];
/** Environment variables whose values are secrets: a line that quotes one gets "[Redacted]" instead. */
export const SECRET_ENV = ['PREVIEW_SECRET', 'DESK_SECRET', 'REVALIDATE_SECRET', 'METRICS_TOKEN', 'DESK_PASSWORD', 'BETTER_AUTH_SECRET'];
export const REDACTED = '[Redacted]';

const isSecretKey = (key) => {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.some((name) => lower === name.replace(/[-_]/g, '') || lower.endsWith('token') || lower.endsWith('secret') || lower.endsWith('password'));
};

/**
 * A string with what looks like a credential replaced: the values of the secret environment
 * variables, a URL's password (postgres://user:pw@host), bearer and basic credentials, and the
 * values of cookies and of token/secret/password query parameters.
 */
export function scrub(text, env = process.env) {
  let out = String(text);
  for (const name of SECRET_ENV) {
    const value = env[name];
    // Short values would replace ordinary words: every usable secret here is long (lib/http/usable-secret.ts).
    if (value && value.length >= 8) out = out.split(value).join(REDACTED);
  }
  return out
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${REDACTED}@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/\b((?:cookie|set-cookie)\s*[:=]\s*)[^\n]*/gi, `$1${REDACTED}`)
    .replace(/([?&;\s](?:token|secret|password|key)=)[^&\s;"]+/gi, `$1${REDACTED}`);
}

/** A copy of a logged value with secret keys redacted and every string scrubbed. */
function scrubValue(value, depth = 0) {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  // Errors as pino's serializer writes them (type, message, stack, code, cause), scrubbed: this runs
  // before the serializers, which would otherwise see a copy without the non-enumerable fields.
  if (value instanceof Error) return scrubValue(pino.stdSerializers.err(value), depth + 1);
  const copy = {};
  for (const [key, item] of Object.entries(value)) copy[key] = isSecretKey(key) ? REDACTED : scrubValue(item, depth + 1);
  return copy;
}

/** The level LOG_LEVEL names, or "info" (with the reason) when it names none. */
export function logLevelFrom(value) {
  if (value === undefined || value === '') return { level: 'info' };
  const level = value.trim().toLowerCase();
  if (LOG_LEVELS.includes(level)) return { level };
  return { level: 'info', problem: `LOG_LEVEL="${value}" is not a level; logging at "info". Set it to one of ${LOG_LEVELS.join(', ')}.` };
}

/**
 * A JSON logger writing to `destination` (a stream; stdout by default, written synchronously so a
 * line written just before the process exits is not lost and lines keep their order with Next's).
 */
export function createLogger({ level = 'info', destination = pino.destination({ fd: 1, sync: true }) } = {}) {
  return pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Every field, errors included (serialized first), scrubbed of secrets.
        log: (object) => scrubValue(object),
      },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      // The request this line was written in.
      mixin: () => {
        const request = state().requests.getStore();
        return request ? { requestId: request.requestId, route: request.route } : {};
      },
      hooks: {
        // The message itself: a secret quoted in it is replaced too.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)));
        },
      },
    },
    destination,
  );
}

/** Turns on the JSON log for this process, at LOG_LEVEL. Called once by the server (instrumentation.ts). */
export function startServerLogs(env = process.env, destination) {
  const { level, problem } = logLevelFrom(env.LOG_LEVEL);
  const s = state();
  s.logger = createLogger({ level, ...(destination ? { destination } : {}) });
  if (problem) s.logger.warn(problem);
  return s.logger;
}

/** Turns the JSON log off again (tests). */
export function stopServerLogs() {
  state().logger = undefined;
}

const CONSOLE = { trace: 'debug', debug: 'debug', info: 'log', warn: 'warn', error: 'error', fatal: 'error' };

function write(level, message, fields) {
  const logger = state().logger;
  if (logger) {
    if (fields) logger[level](fields, message);
    else logger[level](message);
    return;
  }
  const error = fields?.err;
  if (error !== undefined) console[CONSOLE[level]](message, error);
  else console[CONSOLE[level]](message);
}

/** A line at "info": `fields` ({ err } for an error, anything else as its own JSON keys) optional. */
export const logInfo = (message, fields) => write('info', message, fields);
export const logWarn = (message, fields) => write('warn', message, fields);
export const logError = (message, fields) => write('error', message, fields);
export const logDebug = (message, fields) => write('debug', message, fields);

/** The longest X-Request-Id taken from a request, and the characters it may hold. */
export const REQUEST_ID_MAX_LENGTH = 128;
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]+$/;

/**
 * The id of a request: the one the front (Varnish, a load balancer) put in X-Request-Id when it is
 * sane (at most REQUEST_ID_MAX_LENGTH of letters, digits and ._:@+=/-; nothing that could break a
 * log line or a header), else a new random one.
 */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'string' && value.length > 0 && value.length <= REQUEST_ID_MAX_LENGTH && SANE_REQUEST_ID.test(value)) return value;
  return randomUUID();
}

/** Runs `fn` as the request `{ requestId, route }`: every line logged inside it carries both. */
export function runInRequest(context, fn) {
  return state().requests.run(context, fn);
}

/** The request being served here, if any. */
export function currentRequest() {
  return state().requests.getStore();
}
