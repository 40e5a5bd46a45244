-- The desk's own data (docs/decisions/026-desk-on-the-publish-path.md): accounts, sessions, the
-- audit log. Stories stay in `articles`. The desk_user, desk_session, desk_account and
-- desk_verification tables are better-auth's schema (1.7, with its admin plugin's role and ban
-- columns), as its migrator writes it for PostgreSQL; a better-auth upgrade that adds a column
-- needs a migration here (lib/desk/pg-store.ts names a missing table when it opens).
create table "desk_user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null, "role" text, "banned" boolean, "banReason" text, "banExpires" timestamptz);

create table "desk_session" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "desk_user" ("id") on delete cascade, "impersonatedBy" text);

create table "desk_account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "desk_user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);

create table "desk_verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);

create index "desk_session_userId_idx" on "desk_session" ("userId");
create index "desk_account_userId_idx" on "desk_account" ("userId");
create index "desk_verification_identifier_idx" on "desk_verification" ("identifier");

-- The desk's own tables, as in the SQLite store (lib/desk/sqlite-store.ts).
CREATE TABLE desk_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE desk_audit (
  id bigserial PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail text
);
CREATE INDEX desk_audit_target ON desk_audit (target, at);
CREATE TABLE desk_login_failures (
  key text PRIMARY KEY,
  count integer NOT NULL,
  last_at bigint NOT NULL,
  locked_until bigint
);
