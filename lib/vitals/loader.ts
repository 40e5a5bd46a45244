import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { logWarn } from '../observability/log.mjs';

/**
 * The Web Vitals loader every reader page carries inline (decision 029): a few hundred bytes that,
 * for a sampled page view (VITALS_SAMPLE_RATE, decided here in the browser, per page view), add
 * public/vitals.js once the page has loaded. Unsampled views download nothing more; sampled ones
 * fetch it after `load`, async, so it never holds up the page or its first paint.
 */
export const DEFAULT_VITALS_SAMPLE_RATE = 0.1;
/** The bundled measurement script, made by scripts/build-vitals.mjs (npm run build). */
export const VITALS_SCRIPT_FILE = path.join(process.cwd(), 'public', 'vitals.js');

/** VITALS_SAMPLE_RATE as a share of page views from 0 to 1, or the default (with the reason) when it is not one. */
export function vitalsSampleRate(value: string | undefined): { rate: number; problem?: string } {
  if (value === undefined || value.trim() === '') return { rate: DEFAULT_VITALS_SAMPLE_RATE };
  const rate = Number(value);
  if (Number.isFinite(rate) && rate >= 0 && rate <= 1) return { rate };
  return { rate: DEFAULT_VITALS_SAMPLE_RATE, problem: `VITALS_SAMPLE_RATE="${value}" is not a share from 0 to 1 (0.1 is one page view in ten); measuring ${DEFAULT_VITALS_SAMPLE_RATE}.` };
}

/** The loader's source for one page: `src` is the script's URL (versioned), `page` its kind. */
export function vitalsLoader(rate: number, src: string, page: string): string {
  return `(function(r,s,p){if(!(Math.random()<r)||!navigator.sendBeacon)return;function a(){var e=document.createElement("script");e.src=s;e.async=true;e.dataset.page=p;document.head.appendChild(e)}document.readyState=="complete"?a():addEventListener("load",a)})(${rate},${JSON.stringify(src)},${JSON.stringify(page)});`;
}

/**
 * The versioned URL of public/vitals.js (its content hash in `?v=`: a new build's script is never
 * taken from a cache for the old one), or undefined, said once, when the build made none.
 */
export function vitalsScriptUrl(file = VITALS_SCRIPT_FILE): string | undefined {
  if (!existsSync(file)) {
    logWarn(`[vitals] ${path.relative(process.cwd(), file)} is missing: reader pages measure no Web Vitals. \`npm run build\` makes it (scripts/build-vitals.mjs).`);
    return undefined;
  }
  const hash = createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 12);
  return `/vitals.js?v=${hash}`;
}
