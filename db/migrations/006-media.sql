-- Originals of photos (issue 24, docs/decisions/028-photos.md): kept here so that every instance
-- can make every derivative without a shared volume. Derivatives are not stored: each instance
-- makes them on first request into its own bounded cache (lib/media/store.ts).
CREATE TABLE media_originals (
  hash text PRIMARY KEY,
  format text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  size bigint NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
