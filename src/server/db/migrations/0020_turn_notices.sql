CREATE TABLE "turn_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"party" text NOT NULL,
	"kind" text NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "turn_notices_party_check" CHECK (party in ('customer', 'partner')),
	CONSTRAINT "turn_notices_kind_check" CHECK (kind in ('requirements-confirmed', 'requirement-sent-back', 'checklist-opened'))
);
--> statement-breakpoint
ALTER TABLE "portal_links" DROP CONSTRAINT "portal_links_reason_check";--> statement-breakpoint
ALTER TABLE "turn_notices" ADD CONSTRAINT "turn_notices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "turn_notices_unsent_idx" ON "turn_notices" USING btree ("project_id","party") WHERE sent_at is null;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_reason_check" CHECK (reason in ('contact-email', 'issued', 'resend', 'reminder', 'turn'));