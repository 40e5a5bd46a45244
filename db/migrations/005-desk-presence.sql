-- Who has a story's edit page open (issue 23, "who else has it open"; lib/desk/store.ts
-- StoryPresence): one row per story file and account, refreshed by the page's heartbeat. And an
-- index to prune refused save attempts by age (lib/desk/pg-store.ts saveRevision). As in the
-- SQLite store (lib/desk/sqlite-store.ts).
CREATE TABLE desk_presence (
  file text NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  since bigint NOT NULL,
  last_seen bigint NOT NULL,
  PRIMARY KEY (file, email)
);
CREATE INDEX desk_presence_seen ON desk_presence (last_seen);
CREATE INDEX desk_revisions_refused ON desk_revisions (outcome, at);
