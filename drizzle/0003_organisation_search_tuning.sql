DROP INDEX "organisations_name_trgm";--> statement-breakpoint
CREATE INDEX "organisations_status_name" ON "organisations" USING btree ("status","normalized_name","id");--> statement-breakpoint
-- Directory searches touch a few thousand rows at most; parallel workers cost more to start than
-- they save, and on a busy server they make latency erratic. (Storage parameter: drizzle-kit
-- does not model it and will not undo it.)
ALTER TABLE "organisations" SET (parallel_workers = 0);
