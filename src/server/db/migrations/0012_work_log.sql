CREATE TABLE "work_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"session_id" uuid,
	"performer_kind" text NOT NULL,
	"performer_user_id" uuid,
	"performer_contact_id" uuid,
	"performer_name" text NOT NULL,
	"work_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"description" text NOT NULL,
	"line_index" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "work_log_entries_performer_check" CHECK ((performer_kind = 'staff' and performer_user_id is not null and performer_contact_id is null) or (performer_kind = 'contact' and performer_contact_id is not null and performer_user_id is null)),
	CONSTRAINT "work_log_entries_duration_check" CHECK (duration_minutes > 0 and duration_minutes <= 1440)
);
--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_session_id_project_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."project_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_performer_user_id_users_id_fk" FOREIGN KEY ("performer_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_performer_contact_id_contacts_id_fk" FOREIGN KEY ("performer_contact_id") REFERENCES "public"."contacts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_log_entries" ADD CONSTRAINT "work_log_entries_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_log_entries_project_idx" ON "work_log_entries" USING btree ("project_id","work_date");--> statement-breakpoint
CREATE UNIQUE INDEX "work_log_entries_session_key" ON "work_log_entries" USING btree ("session_id");