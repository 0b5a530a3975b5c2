-- Extensions Ponte needs. drizzle-kit never writes CREATE EXTENSION, so this migration is custom.
-- pg_trgm is a trusted extension on PostgreSQL 13+; on PGlite it is loaded at start.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
