/** Runs once when the server starts (see lib/http/guard.ts for why a guard sits in front of Next). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // From here on, the server's own lines are JSON, one object per line, at LOG_LEVEL (decision 029).
    const { startServerLogs } = await import('./lib/observability/log.mjs');
    startServerLogs();
    // An unmaintained Node.js is named before anything else can fail on it (decision 025).
    const { nodeVersionProblem } = await import('./lib/runtime/node-version.mjs');
    const problem = nodeVersionProblem();
    if (problem) throw new Error(problem);
    // A Next that would go round one of the site's couplings to its internals is named here, and the
    // server does not start (decision 027): the new server in front of the guard, a payload shape
    // the rewrite does not remove. Under `next dev` the build's config is not read (no rewrite there).
    const { nextStartProblem, READER_HTML_REWRITE_ENV } = await import('./lib/http/next-couplings.mjs');
    const coupling = nextStartProblem(process.env.NODE_ENV === 'production' ? {} : { config: null });
    if (coupling) throw coupling;
    const { installHttpGuard, readCookie } = await import('./lib/http/guard');
    const { installLiveContent, linkHeaderFor } = await import('./lib/http/serve');
    const { notFoundRewrite } = await import('./i18n/fallback-paths');
    const { LOCALE_COOKIE } = await import('./i18n/locale-cookie');
    const { negotiateLocale } = await import('./lib/http/negotiate');
    const { hasValidPreviewCookie } = await import('./lib/preview/session');
    const { checkReadiness, readinessChecks } = await import('./lib/http/health');
    const { currentSnapshot } = await import('./lib/content/live');
    // Innermost, right before Next: the search page's status and caching (lib/http/search-response.ts).
    const { installSearchResponses } = await import('./lib/http/search-response');
    installSearchResponses();
    // Installed first, so that it runs inside the guard: live content, one snapshot per request, 410s.
    // Awaited: with DATABASE_URL the store connects and loads its mirror before any request.
    await installLiveContent();
    // Made once: the Redis and PostgreSQL checks keep a connection of their own between probes.
    const readinessChecksOfThisProcess = readinessChecks(process.env, () => currentSnapshot().version);
    installHttpGuard({
      linkHeaderFor,
      internalRewrite: (path, headers) => {
        let negotiated = false;
        const target = notFoundRewrite(path, () => {
          negotiated = true;
          return negotiateLocale(headers['accept-language'], readCookie(headers.cookie, LOCALE_COOKIE));
        });
        if (!target) return undefined;
        // A 404 whose language comes from the request's headers: only the reader's browser may keep it.
        return negotiated ? { path: target, headers: { 'Cache-Control': 'private, no-cache', Vary: 'Accept-Language, Cookie' } } : { path: target };
      },
      draftModeAllowed: (cookieHeader) => hasValidPreviewCookie(cookieHeader),
      // /readyz: the content loaded, and Redis and PostgreSQL answering where configured.
      readiness: () => checkReadiness(readinessChecksOfThisProcess),
    });
    // Pages leave without Next's client runtime, with the drawer's own script (decision 020). Not
    // under `next dev`, whose pages need the runtime for Fast Refresh, nor with READER_HTML_REWRITE=off
    // (pages as Next writes them: the bypass while the rewrite does not know a new Next's shapes).
    if (process.env.NODE_ENV === 'production' && process.env[READER_HTML_REWRITE_ENV] !== 'off') {
      const { installReaderHtml } = await import('./lib/http/reader-html');
      const { siteMenuScript } = await import('./components/site-menu-enhancer');
      // Web Vitals from a sample of readers (decision 029): a small inline loader on each reader page.
      const { vitalsLoader, vitalsSampleRate, vitalsScriptUrl } = await import('./lib/vitals/loader');
      const { routeKind } = await import('./lib/http/route-kind');
      const { logWarn } = await import('./lib/observability/log.mjs');
      const { rate, problem } = vitalsSampleRate(process.env.VITALS_SAMPLE_RATE);
      if (problem) logWarn(`[vitals] ${problem}`);
      const vitalsSrc = rate > 0 ? vitalsScriptUrl() : undefined;
      installReaderHtml({
        script: siteMenuScript(LOCALE_COOKIE),
        pageScript: vitalsSrc ? (path) => vitalsLoader(rate, vitalsSrc, routeKind(path)) : undefined,
      });
    }
  }
}
