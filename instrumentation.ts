/** Runs once when the server starts (see lib/http-guard.ts for why a guard sits in front of Next). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installHttpGuard } = await import('./lib/http-guard');
    const { buildAlternateLinks } = await import('./lib/alternate-links');
    const { getContentIndex } = await import('./lib/content/index');
    let links: Map<string, string> | undefined;
    installHttpGuard(undefined, (path) => {
      // Built on first use from the same index the pages read; a broken content folder already
      // failed the build, so there is nothing to recover from here.
      links ??= buildAlternateLinks(getContentIndex());
      return links.get(path);
    });
  }
}
