CREATE TABLE "organisation_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "organisations_search_trgm";--> statement-breakpoint
DROP INDEX "organisations_status";--> statement-breakpoint
CREATE INDEX "organisation_search_words_trgm" ON "organisation_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_nuts3" ON "organisations" USING btree ("nuts3" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reference_places_search_fts" ON "reference_places" USING gin (to_tsvector('simple', "search_text"));