DROP INDEX "projects_updated_at_idx";--> statement-breakpoint
DROP INDEX "projects_current_step_idx";--> statement-breakpoint
DROP INDEX "projects_engineer_idx";--> statement-breakpoint
DROP INDEX "projects_customer_idx";--> statement-breakpoint
CREATE INDEX "projects_pipeline_idx" ON "projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_pipeline_step_idx" ON "projects" USING btree ("current_step_key","updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_pipeline_engineer_idx" ON "projects" USING btree ("engineer_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_pipeline_customer_idx" ON "projects" USING btree ("customer_id","updated_at","id");