ALTER TABLE "ballot_choices" ADD COLUMN "ballots" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Secret ballots stored before this migration: their unlinked choice rows (one per ballot and
-- option) become one row of totals per (vote, option), so no row of a single ballot's choice stays.
WITH "choices" AS (
	DELETE FROM "ballot_choices" WHERE "ballot_id" IS NULL RETURNING "vote_id", "option_id", "weight"
)
INSERT INTO "ballot_choices" ("vote_id", "option_id", "ballot_id", "weight", "ballots")
SELECT "vote_id", "option_id", NULL, sum("weight")::integer, count(*)::integer
FROM "choices"
GROUP BY "vote_id", "option_id";--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_choices_secret_totals" ON "ballot_choices" USING btree ("vote_id","option_id") WHERE "ballot_choices"."ballot_id" is null;
