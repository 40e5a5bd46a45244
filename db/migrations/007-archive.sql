-- The archive at newsroom scale (issue 26, docs/decisions/031-archive-at-scale.md).
--
-- meta: what lists and routing need of a story (lib/content/meta.ts StoryMeta, without `file`),
-- written with the source by every writer, so an instance keeps only this in memory and reads a
-- body when its story is requested. published_at: for search's recency and embargoes.
-- search / search_text: full-text search in the story's own language (i18n/locales/<code>.ts
-- `search.postgres`: "indonesian", "english"): the words weighted title A, summary B, body C, and
-- the plain text result snippets are cut from (lib/search).
-- Rows written before this migration are filled by `npm run db:migrate` (scripts/content-reindex.ts)
-- and, until then, read from their source.
ALTER TABLE articles
  ADD COLUMN meta jsonb,
  ADD COLUMN published_at timestamptz,
  ADD COLUMN search tsvector,
  ADD COLUMN search_text text;

CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_published ON articles (locale, published_at DESC) WHERE status = 'published';
-- A takedown names a story by its slug in any language (npm run publish -- --unpublish <slug>).
CREATE INDEX articles_slug ON articles (slug);
