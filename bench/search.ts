// `npm run bench:search`: what the embedded search engine (lib/search/embedded.ts, Orama) costs at
// the folder store's sizes, in this process (no server): for each size N stories per language
// (BENCH_SEARCH_SIZES, default "1000,10000"; generated as bench:build does, bench/archive.mjs), the
// time and heap to build the Indonesian index on the first search, the latency of 1-, 2- and
// 4-word searches (p50 / p95 over BENCH_SEARCH_RUNS, default 50, each), and the time a publish
// of one story takes to reach the index. The generated archive repeats twenty words, so every
// query matches most stories: the worst case for ranking.
// With BENCH_SEARCH_DATABASE_URL (an empty database; `npm run db:migrate` is run on it) the same
// archive is imported with `npm run content:import` and the same searches are timed on
// PostgreSQL's full-text search (lib/search/postgres.ts), one size at a time (the database is
// emptied between sizes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generate, story } from './archive.mjs';
// @ts-expect-error: likewise
import { machineNote, table, writeResult } from './lib.mjs';
import { FolderStore } from '@/lib/content/folder-store';
// Not a React hook, whatever its name says.
import { currentSnapshot, refreshContent, useContentStore as readFrom } from '@/lib/content/live';
import { embeddedEngine, languageIndex, resetEmbeddedSearch } from '@/lib/search/embedded';
import { searchPostgres } from '@/lib/search/postgres';
import postgres from 'postgres';

const sizes = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_SEARCH_RUNS ?? 50);
const QUERIES: Record<string, string[]> = { '1 word': ['kerja'], '2 words': ['kerja', 'sama'], '4 words': ['pemerintah', 'rencana', 'energi', 'digital'] };

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const ms = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for heap figures; npm run bench:search does)');
  const rows: (string | number)[][] = [];
  const results: Record<string, unknown>[] = [];
  const pgRows: (string | number)[][] = [];
  for (const n of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-search-'));
    try {
      generate(dir, n);
      readFrom(new FolderStore(dir));
      resetEmbeddedSearch();
      let started = performance.now();
      currentSnapshot();
      const parseMs = performance.now() - started;
      const heapBefore = heapMb();
      started = performance.now();
      languageIndex('id');
      const buildMs = performance.now() - started;
      const indexMb = heapMb() - heapBefore;
      const latency: Record<string, { p50: number; p95: number; total: number }> = {};
      for (const [name, words] of Object.entries(QUERIES)) {
        const times: number[] = [];
        let total = 0;
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const page = await embeddedEngine.search('id', words, 1 + (i % 3));
          times.push(performance.now() - t);
          total = page.total;
        }
        latency[name] = { p50: percentile(times, 50), p95: percentile(times, 95), total };
      }
      // One story corrected, as a publish does: the change reaches the index through onContentChange.
      const edited = story('id', 1);
      writeFileSync(path.join(dir, 'id', `${edited.slug}.md`), edited.file.replace('Berita 1:', 'Berita 1 (dikoreksi):'));
      started = performance.now();
      refreshContent();
      const publishMs = performance.now() - started;
      rows.push([n, ms(parseMs), ms(buildMs), indexMb.toFixed(0), ...Object.values(latency).map((l) => `${ms(l.p50)} / ${ms(l.p95)}`), ms(publishMs)]);
      results.push({ storiesPerLanguage: n, parseMs, buildMs, indexMb, latency, publishMs });
      const url = process.env.BENCH_SEARCH_DATABASE_URL;
      if (url) {
        const env = { ...process.env, DATABASE_URL: url };
        execFileSync('npm', ['run', '-s', 'db:migrate'], { env, stdio: 'ignore' });
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await sql`TRUNCATE articles, takedowns`;
          started = performance.now();
          execFileSync('npm', ['run', '-s', 'content:import', '--', dir], { env, stdio: 'ignore' });
          const importMs = performance.now() - started;
          await sql`ANALYZE articles`;
          const pg: Record<string, { p50: number; p95: number; total: number }> = {};
          for (const [name, words] of Object.entries(QUERIES)) {
            const times: number[] = [];
            let total = 0;
            for (let i = 0; i < runs; i++) {
              const t = performance.now();
              total = (await searchPostgres(sql, 'id', words, 1 + (i % 3))).total;
              times.push(performance.now() - t);
            }
            pg[name] = { p50: percentile(times, 50), p95: percentile(times, 95), total };
          }
          pgRows.push([n, ms(importMs), ...Object.values(pg).map((l) => `${ms(l.p50)} / ${ms(l.p95)}`)]);
          results.at(-1)!.postgres = { importMs, latency: pg };
        } finally {
          await sql.end({ timeout: 1 });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nEmbedded search (Orama), Indonesian index; ${machineNote()}\n`);
  console.log(table(['stories/lang', 'parse ms', 'index build ms', 'index MB', ...Object.keys(QUERIES).map((q) => `${q} p50/p95 ms`), 'publish→index ms'], rows));
  if (pgRows.length) {
    console.log(`\nPostgreSQL full-text search, Indonesian (ranking and counting at most 1,000 matches)\n`);
    console.log(table(['stories/lang', 'import ms', ...Object.keys(QUERIES).map((q) => `${q} p50/p95 ms`)], pgRows));
  }
  console.log(`\n${writeResult('search', { results })}`);
}

void main();
