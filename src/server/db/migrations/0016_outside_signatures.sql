CREATE TABLE "outside_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signed_on" date NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outside_signatures_signer_check" CHECK (length(btrim(signer_name)) > 0)
);
--> statement-breakpoint
ALTER TABLE "stored_files" DROP CONSTRAINT "stored_files_purpose_check";--> statement-breakpoint
ALTER TABLE "outside_signatures" ADD CONSTRAINT "outside_signatures_document_id_signable_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."signable_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outside_signatures" ADD CONSTRAINT "outside_signatures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outside_signatures" ADD CONSTRAINT "outside_signatures_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outside_signatures" ADD CONSTRAINT "outside_signatures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outside_signatures_document_key" ON "outside_signatures" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "outside_signatures_sha256_idx" ON "outside_signatures" USING btree ("sha256");--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_purpose_check" CHECK (purpose in ('questionnaire', 'evidence', 'document', 'sealed-document', 'signed-scan', 'handover'));--> statement-breakpoint
-- A signature recorded outside Engage is evidence like one given in the portal: never changed or removed.
CREATE FUNCTION outside_signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'outside_signatures is append-only: % refused', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outside_signatures_append_only
  BEFORE UPDATE OR DELETE ON outside_signatures
  FOR EACH ROW EXECUTE FUNCTION outside_signatures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER outside_signatures_no_truncate
  BEFORE TRUNCATE ON outside_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION outside_signatures_refuse_change();
