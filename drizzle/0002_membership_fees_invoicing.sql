CREATE TABLE "fee_schedules" (
	"year" integer PRIMARY KEY NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_code" text NOT NULL,
	"date" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_sequence" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'invoice' NOT NULL,
	"number" text,
	"year" integer,
	"sequence" integer,
	"credited_invoice_id" uuid,
	"organisation_id" uuid NOT NULL,
	"fee_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"issue_date" date,
	"due_date" date,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"amount_cents" integer NOT NULL,
	"paid_cents" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"rule" jsonb NOT NULL,
	"language" text NOT NULL,
	"buyer" jsonb NOT NULL,
	"seller" jsonb NOT NULL,
	"run_id" uuid,
	"pdf_file_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "invoicing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"paid_on" date NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_application_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "membership_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"access_token_hash" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"language" text NOT NULL,
	"outcome" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"type" text NOT NULL,
	"official_code" text,
	"nuts3" text,
	"inhabitants" integer,
	"employees" integer,
	"budget_cents" bigint,
	"website" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"priorities" text[] DEFAULT '{}'::text[] NOT NULL,
	"legal_representative" jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"letter_text" text,
	"letter_file_id" uuid,
	"signed_form_file_id" uuid,
	"statute_accepted_at" timestamp with time zone NOT NULL,
	"statute_version" text NOT NULL,
	"privacy_accepted_at" timestamp with time zone NOT NULL,
	"privacy_version" text NOT NULL,
	"possible_duplicates" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"completion_request" text,
	"ready_at" timestamp with time zone,
	"meeting_id" uuid,
	"decision" text,
	"decision_reason" text,
	"decided_on" date,
	"decided_by" uuid,
	"organisation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "membership_applications_access_token_hash_unique" UNIQUE("access_token_hash")
);
--> statement-breakpoint
CREATE TABLE "membership_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"applied_at" timestamp with time zone,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "billing_contact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "suspended_since" date;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "tax_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ipa_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "org_number" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "peppol_id" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "invoice_email" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "invoice_language" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "annual_budget_cents" bigint;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_code_governance_bodies_code_fk" FOREIGN KEY ("body_code") REFERENCES "public"."governance_bodies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_run_id_invoicing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."invoicing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_pdf_file_id_stored_files_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_events" ADD CONSTRAINT "membership_application_events_application_id_membership_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."membership_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_letter_file_id_stored_files_id_fk" FOREIGN KEY ("letter_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_signed_form_file_id_stored_files_id_fk" FOREIGN KEY ("signed_form_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_changes" ADD CONSTRAINT "membership_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_body_date" ON "meetings" USING btree ("body_code","date");--> statement-breakpoint
CREATE INDEX "meetings_date" ON "meetings" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_reminders_level" ON "invoice_reminders" USING btree ("invoice_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_year_sequence" ON "invoices" USING btree ("year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_per_fee_year" ON "invoices" USING btree ("organisation_id","fee_year") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "invoices_status" ON "invoices" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "invoices_fee_year" ON "invoices" USING btree ("fee_year","status");--> statement-breakpoint
CREATE INDEX "payments_invoice" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_reference" ON "payments" USING btree ("reference") WHERE "payments"."source" = 'bank_import';--> statement-breakpoint
CREATE INDEX "membership_application_events_application" ON "membership_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "membership_applications_status" ON "membership_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "membership_applications_meeting" ON "membership_applications" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "membership_changes_organisation" ON "membership_changes" USING btree ("organisation_id","effective_on");