import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * lib/content is the store: it reads, parses and keeps the stories current. Serving them (HTTP
 * status, surrogate keys, Link headers, URLs, SEO) is the work of the layers above it, which import
 * the store, never the other way round (lib/http/serve.ts holds the per-request work).
 */
const SERVING_LAYERS = ['lib/front-cache', 'lib/seo', 'lib/urls', 'lib/http'];

const dir = path.resolve(__dirname);
const root = path.resolve(dir, '../..');

/** Every module a file imports: static imports, re-exports and dynamic import() calls. */
function importedSpecifiers(source: string): string[] {
  const specifiers = [];
  for (const match of source.matchAll(/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    specifiers.push((match[1] ?? match[2] ?? match[3])!);
  }
  return specifiers;
}

/** The project path an import resolves to ("@/lib/urls" and "../urls" both to "lib/urls"), or undefined for a package. */
function projectPath(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.relative(root, path.resolve(path.dirname(from), specifier)).split(path.sep).join('/');
  return undefined;
}

const inLayer = (target: string, layer: string) => target === layer || target.startsWith(`${layer}/`) || target.replace(/\.[mc]?[jt]sx?$/, '') === layer;

describe('lib/content', () => {
  it('finds imports of every form', () => {
    expect(importedSpecifiers(`import a from '@/lib/urls';\nimport { b } from "../seo/x";\nexport { c } from '../http/guard';\nconst d = await import('../front-cache/keys');\nimport './side';`)).toEqual(['@/lib/urls', '../seo/x', '../http/guard', '../front-cache/keys', './side']);
  });

  it('imports nothing from the layers that serve it (front cache, SEO, URLs, HTTP)', () => {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(m?[jt]sx?)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      // This file names the layers in its own examples.
      .filter((file) => file !== __filename);
    expect(files.length).toBeGreaterThan(5);
    const offending = files.flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8'))
        .map((specifier) => ({ specifier, target: projectPath(file, specifier) }))
        .filter(({ target }) => target && SERVING_LAYERS.some((layer) => inLayer(target, layer)))
        .map(({ specifier }) => `${path.relative(root, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
