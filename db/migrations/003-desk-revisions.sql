-- Revisions of stories saved from the desk, and refused attempts kept so nothing typed is lost
-- (issue 23; lib/desk/store.ts StoryRevision). As in the SQLite store (lib/desk/sqlite-store.ts).
CREATE TABLE desk_revisions (
  id bigserial PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  story text NOT NULL,
  file text NOT NULL,
  base text NOT NULL,
  action text NOT NULL,
  outcome text NOT NULL,
  message text,
  source text NOT NULL
);
CREATE INDEX desk_revisions_story ON desk_revisions (story, outcome, id);
