-- The content store (docs/decisions/015-postgresql-content-store.md): one row per article file, as
-- the content folder keeps one file per article per language. The Markdown source is the truth;
-- the other columns are read from its front matter when it is written, so the cross-file rules
-- (one slug per language, one version of a story per language) also hold for a writer that skips
-- the application's validation. Deferred, so one transaction may swap two slugs.
CREATE TABLE articles (
  file text PRIMARY KEY,
  source text NOT NULL,
  hash text NOT NULL,
  translation_id text NOT NULL,
  locale text NOT NULL,
  slug text NOT NULL,
  status text NOT NULL CHECK (status IN ('published', 'draft')),
  written_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT articles_one_slug_per_language UNIQUE (locale, slug) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT articles_one_version_per_language UNIQUE (translation_id, locale) DEFERRABLE INITIALLY DEFERRED
);

-- Stories taken down by an editor: their URLs answer 410 Gone until published again.
CREATE TABLE takedowns (
  locale text NOT NULL,
  slug text NOT NULL,
  translation_id text NOT NULL,
  taken_down_at timestamptz NOT NULL,
  PRIMARY KEY (locale, slug)
);
