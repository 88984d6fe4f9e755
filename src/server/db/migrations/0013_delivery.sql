CREATE TABLE "checklist_ticks" (
	"project_id" uuid NOT NULL,
	"checklist" text NOT NULL,
	"application_key" text DEFAULT '' NOT NULL,
	"item_key" text NOT NULL,
	"ticked_at" timestamp with time zone,
	"ticked_by" jsonb,
	"note" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_ticks_project_id_checklist_application_key_item_key_pk" PRIMARY KEY("project_id","checklist","application_key","item_key"),
	CONSTRAINT "checklist_ticks_checklist_check" CHECK (checklist in ('environment', 'pbx')),
	CONSTRAINT "checklist_ticks_verified_check" CHECK (verified_at is null or ticked_at is not null)
);
--> statement-breakpoint
CREATE TABLE "configuration_records" (
	"project_id" uuid NOT NULL,
	"application_key" text NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"installed_version" text,
	"installed_at" timestamp with time zone,
	"installed_by" uuid,
	"configured_at" timestamp with time zone,
	"configured_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "configuration_records_project_id_application_key_pk" PRIMARY KEY("project_id","application_key")
);
--> statement-breakpoint
CREATE TABLE "delivery_notes" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"report_notes" text DEFAULT '' NOT NULL,
	"maintenance_notes" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "document_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_email" text NOT NULL,
	"signer_organisation" text NOT NULL,
	"consent_text" text NOT NULL,
	"signature_kind" text NOT NULL,
	"signature_text" text,
	"signature_image" "bytea",
	"document_sha256" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"signed_at" timestamp with time zone NOT NULL,
	"sealed_file_id" uuid NOT NULL,
	"sealed_sha256" text NOT NULL,
	"certificate_fingerprint" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_packages" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"dossier" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"pdf_file_id" uuid NOT NULL,
	"json_file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "signable_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"superseded_at" timestamp with time zone,
	"superseded_reason" text,
	CONSTRAINT "signable_documents_kind_check" CHECK (kind in ('uat', 'activity-report')),
	CONSTRAINT "signable_documents_state_check" CHECK (state in ('awaiting-signature', 'signed', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"training_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"attendees" jsonb NOT NULL,
	"topics" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "training_records_kind_check" CHECK (kind in ('admin', 'end-user', 'on-the-job')),
	CONSTRAINT "training_records_duration_check" CHECK (duration_minutes > 0 and duration_minutes <= 1440)
);
--> statement-breakpoint
CREATE TABLE "uat_item_results" (
	"project_id" uuid NOT NULL,
	"application_key" text NOT NULL,
	"item_key" text NOT NULL,
	"result" text,
	"comment" text,
	"exception_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "uat_item_results_project_id_application_key_item_key_pk" PRIMARY KEY("project_id","application_key","item_key"),
	CONSTRAINT "uat_item_results_result_check" CHECK (result is null or result in ('pass', 'fail', 'not-applicable')),
	CONSTRAINT "uat_item_results_exception_check" CHECK (exception_reason is null or result = 'fail')
);
--> statement-breakpoint
ALTER TABLE "stored_files" DROP CONSTRAINT "stored_files_purpose_check";--> statement-breakpoint
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_records" ADD CONSTRAINT "configuration_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_records" ADD CONSTRAINT "configuration_records_installed_by_users_id_fk" FOREIGN KEY ("installed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_records" ADD CONSTRAINT "configuration_records_configured_by_users_id_fk" FOREIGN KEY ("configured_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_records" ADD CONSTRAINT "configuration_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_notes" ADD CONSTRAINT "delivery_notes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_notes" ADD CONSTRAINT "delivery_notes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_document_id_signable_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."signable_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_sealed_file_id_stored_files_id_fk" FOREIGN KEY ("sealed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_packages" ADD CONSTRAINT "handover_packages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_packages" ADD CONSTRAINT "handover_packages_pdf_file_id_stored_files_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_packages" ADD CONSTRAINT "handover_packages_json_file_id_stored_files_id_fk" FOREIGN KEY ("json_file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_packages" ADD CONSTRAINT "handover_packages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signable_documents" ADD CONSTRAINT "signable_documents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signable_documents" ADD CONSTRAINT "signable_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signable_documents" ADD CONSTRAINT "signable_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD CONSTRAINT "uat_item_results_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD CONSTRAINT "uat_item_results_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_signatures_document_key" ON "document_signatures" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_signatures_sealed_idx" ON "document_signatures" USING btree ("sealed_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "signable_documents_version_key" ON "signable_documents" USING btree ("project_id","kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "signable_documents_live_key" ON "signable_documents" USING btree ("project_id","kind") WHERE state <> 'superseded';--> statement-breakpoint
CREATE INDEX "training_records_project_idx" ON "training_records" USING btree ("project_id","training_date");--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_purpose_check" CHECK (purpose in ('questionnaire', 'evidence', 'document', 'sealed-document', 'handover'));--> statement-breakpoint
-- A signature's evidence is never changed or removed.
CREATE FUNCTION document_signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document_signatures is append-only: % refused', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_signatures_append_only
  BEFORE UPDATE OR DELETE ON document_signatures
  FOR EACH ROW EXECUTE FUNCTION document_signatures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER document_signatures_no_truncate
  BEFORE TRUNCATE ON document_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION document_signatures_refuse_change();
--> statement-breakpoint
-- Support searches the dossiers of closed projects by any word (customer, application, a configuration value).
CREATE INDEX "handover_packages_search_idx" ON "handover_packages" USING gin (to_tsvector('simple', "search_text"));
