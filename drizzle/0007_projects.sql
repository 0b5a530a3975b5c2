CREATE TABLE "funding_actions" (
	"code" text PRIMARY KEY NOT NULL,
	"programme_code" text NOT NULL,
	"names" jsonb NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_actions_programme_code" UNIQUE("programme_code","code")
);
--> statement-breakpoint
CREATE TABLE "funding_programmes" (
	"code" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"level" text DEFAULT 'eu' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid,
	"name" text,
	"country" text,
	"organisation_type" text,
	"role" text DEFAULT 'partner' NOT NULL,
	"budget_share_cents" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_partners_kind_check" CHECK (("project_partners"."kind" = 'organisation' and "project_partners"."organisation_id" is not null) or ("project_partners"."kind" = 'network' and "project_partners"."organisation_id" is null) or ("project_partners"."kind" = 'external' and "project_partners"."organisation_id" is null and "project_partners"."name" is not null and "project_partners"."country" is not null)),
	CONSTRAINT "project_partners_role_check" CHECK ("project_partners"."role" in ('lead', 'partner', 'associated')),
	CONSTRAINT "project_partners_budget_check" CHECK (coalesce("project_partners"."budget_share_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"from_funding_status" text,
	"to_funding_status" text,
	"reason" text,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"resubmission_of" uuid,
	"submission_number" smallint DEFAULT 1 NOT NULL,
	"acronym" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priorities" text[] DEFAULT '{}'::text[] NOT NULL,
	"programme_code" text,
	"action_code" text,
	"call_identifier" text,
	"deadline" date,
	"submitted_on" date,
	"initiator_organisation_id" uuid,
	"phase" text NOT NULL,
	"funding_status" text,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"total_budget_cents" bigint,
	"grant_requested_cents" bigint,
	"grant_awarded_cents" bigint,
	"grant_paid_cents" bigint,
	"participants_planned" integer,
	"participants_actual" integer,
	"start_date" date,
	"end_date" date,
	"cordis_url" text,
	"erasmus_plus_url" text,
	"keep_eu_url" text,
	"website_url" text,
	"internal" boolean DEFAULT false NOT NULL,
	"search_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_phase_check" CHECK ("projects"."phase" in ('programming', 'identification', 'formulation', 'financing', 'implementation', 'evaluation', 'closure')),
	CONSTRAINT "projects_funding_status_check" CHECK ("projects"."funding_status" is null or "projects"."funding_status" in ('submitted', 'approved', 'rejected', 'reserve')),
	CONSTRAINT "projects_money_check" CHECK (coalesce("projects"."total_budget_cents", 0) >= 0 and coalesce("projects"."grant_requested_cents", 0) >= 0 and coalesce("projects"."grant_awarded_cents", 0) >= 0 and coalesce("projects"."grant_paid_cents", 0) >= 0),
	CONSTRAINT "projects_participants_check" CHECK (coalesce("projects"."participants_planned", 0) >= 0 and coalesce("projects"."participants_actual", 0) >= 0),
	CONSTRAINT "projects_action_check" CHECK ("projects"."action_code" is null or "projects"."programme_code" is not null),
	CONSTRAINT "projects_dates_check" CHECK ("projects"."end_date" is null or "projects"."start_date" is null or "projects"."end_date" >= "projects"."start_date")
);
--> statement-breakpoint
ALTER TABLE "funding_actions" ADD CONSTRAINT "funding_actions_programme_code_funding_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."funding_programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_idea_id_projects_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_resubmission_of_projects_id_fk" FOREIGN KEY ("resubmission_of") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_programme_code_funding_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."funding_programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_initiator_organisation_id_organisations_id_fk" FOREIGN KEY ("initiator_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_programme_action_fk" FOREIGN KEY ("programme_code","action_code") REFERENCES "public"."funding_actions"("programme_code","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_partners_project" ON "project_partners" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_partners_organisation" ON "project_partners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_partners_organisation_unique" ON "project_partners" USING btree ("project_id","organisation_id") WHERE "project_partners"."organisation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "project_partners_network_unique" ON "project_partners" USING btree ("project_id") WHERE "project_partners"."kind" = 'network';--> statement-breakpoint
CREATE UNIQUE INDEX "project_partners_lead_unique" ON "project_partners" USING btree ("project_id") WHERE "project_partners"."role" = 'lead';--> statement-breakpoint
CREATE INDEX "project_transitions_project" ON "project_transitions" USING btree ("project_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_resubmission_of_unique" ON "projects" USING btree ("resubmission_of") WHERE "projects"."resubmission_of" is not null;--> statement-breakpoint
CREATE INDEX "projects_idea" ON "projects" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "projects_phase" ON "projects" USING btree ("phase","funding_status");--> statement-breakpoint
CREATE INDEX "projects_programme" ON "projects" USING btree ("programme_code","action_code");--> statement-breakpoint
CREATE INDEX "projects_priorities" ON "projects" USING gin ("priorities");--> statement-breakpoint
CREATE INDEX "projects_initiator" ON "projects" USING btree ("initiator_organisation_id");--> statement-breakpoint
CREATE INDEX "projects_deadline" ON "projects" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "projects_created" ON "projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_search_trgm" ON "projects" USING gin ("search_text" gin_trgm_ops);