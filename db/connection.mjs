// What the server, the build and the commands share about the database (plain JavaScript, so that
// the build's dump (db/dump-content.mjs) and `npm run db:migrate` run under plain Node).
import postgres from 'postgres';

/** The channel every write of content NOTIFYs, inside its transaction (delivered on COMMIT only). */
export const CONTENT_CHANNEL = 'kabar_content';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a longer list of files becomes "re-read everything". */
export const MAX_NOTIFY_PAYLOAD = 7_500;

/** "host:port/database" of a connection string, without its password, for messages. */
export function describeDatabase(url) {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'an unparsable address';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** Whether an error means the database could not be reached (rather than that it refused a query). */
export function isUnreachable(error) {
  if (!error || typeof error !== 'object') return false;
  if (CONNECTION_CODES.has(error.code)) return true;
  return Array.isArray(error.errors) && error.errors.some(isUnreachable);
}

/** The reason in a few words: Node's AggregateError (localhost tried as ::1 and 127.0.0.1) has no message of its own. */
export function reasonOf(error) {
  if (!error || typeof error !== 'object') return String(error);
  if (error.message) return error.message;
  if (Array.isArray(error.errors) && error.errors.length) return reasonOf(error.errors[error.errors.length - 1]);
  return error.code ?? String(error);
}

/** One line an operator can act on, for an error of the database. */
export function databaseProblem(url, error) {
  const where = `PostgreSQL at ${describeDatabase(url)} (DATABASE_URL)`;
  if (isUnreachable(error)) return `Cannot reach ${where}: ${reasonOf(error)}.`;
  if (error?.code === '42P01') return `${where} has no content tables (${reasonOf(error)}): run \`npm run db:migrate\`, then \`npm run content:import -- content\`.`;
  if (error?.code === '3D000') return `${where}: ${reasonOf(error)}. Create it (createdb), then run \`npm run db:migrate\`.`;
  return `${where} answered with an error: ${reasonOf(error)}.`;
}

/**
 * A client. Short connect timeout: a command or a reconnecting server should learn quickly that
 * the database is not there, and say so, rather than hang.
 */
export function connectDatabase(url, options = {}) {
  return postgres(url, { connect_timeout: 5, onnotice: () => {}, fetch_types: false, ...options });
}
