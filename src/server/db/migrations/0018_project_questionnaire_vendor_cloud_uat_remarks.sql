ALTER TABLE "projects" DROP CONSTRAINT "projects_deployment_check";--> statement-breakpoint
ALTER TABLE "purchase_orders" DROP CONSTRAINT "purchase_orders_deployment_check";--> statement-breakpoint
ALTER TABLE "stored_files" DROP CONSTRAINT "stored_files_purpose_check";--> statement-breakpoint
ALTER TABLE "uat_item_results" DROP CONSTRAINT "uat_item_results_result_check";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "asks_project_questionnaire" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Projects in flight keep E4 as it was: those whose design questionnaires were opened, or that are past E3 (the contact
-- email with the questionnaire links went out), were never sent the project questionnaire and must not wait for it.
UPDATE "projects" SET "asks_project_questionnaire" = false
  WHERE "current_step_key" IS NULL
     OR "current_step_key" NOT IN ('po-confirmation', 'service-presentation', 'engineer-contact')
     OR EXISTS (SELECT 1 FROM "questionnaire_responses" WHERE "questionnaire_responses"."project_id" = "projects"."id");--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD COLUMN "evidence_file_id" uuid;--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD CONSTRAINT "uat_item_results_evidence_file_id_stored_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_deployment_check" CHECK (deployment in ('virtual-appliance', 'windows-vms', 'vendor-cloud'));--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_deployment_check" CHECK (deployment in ('virtual-appliance', 'windows-vms', 'vendor-cloud'));--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_purpose_check" CHECK (purpose in ('questionnaire', 'evidence', 'document', 'sealed-document', 'signed-scan', 'handover', 'uat-evidence'));--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD CONSTRAINT "uat_item_results_remark_check" CHECK (result is distinct from 'pass-with-remark' or (comment is not null and btrim(comment) <> ''));--> statement-breakpoint
ALTER TABLE "uat_item_results" ADD CONSTRAINT "uat_item_results_result_check" CHECK (result is null or result in ('pass', 'pass-with-remark', 'fail', 'not-applicable'));