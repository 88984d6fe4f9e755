CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_read_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "project_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"engineer_id" uuid NOT NULL,
	"proposal_id" uuid,
	"state" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"location" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"attendees" jsonb NOT NULL,
	"ical_uid" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"reminder_due_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"held_note" text,
	"cancelled_at" timestamp with time zone,
	"cancellation_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_sessions_state_check" CHECK (state in ('proposed', 'confirmed', 'rescheduled', 'cancelled', 'held')),
	CONSTRAINT "project_sessions_mode_check" CHECK (mode in ('remote', 'on-site')),
	CONSTRAINT "project_sessions_time_check" CHECK (ends_at > starts_at)
);
--> statement-breakpoint
CREATE TABLE "session_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"state" text NOT NULL,
	"note" text,
	"decided_by_contact_id" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_proposals_state_check" CHECK (state in ('open', 'accepted', 'declined', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "calendar_method" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "calendar_content" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "scheduling_override_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "scheduling_override_reason" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "ready_to_schedule_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "schedule_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "first_session_business_days" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "first_session_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_proposal_id_session_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."session_proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_proposals" ADD CONSTRAINT "session_proposals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_proposals" ADD CONSTRAINT "session_proposals_decided_by_contact_id_contacts_id_fk" FOREIGN KEY ("decided_by_contact_id") REFERENCES "public"."contacts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_proposals" ADD CONSTRAINT "session_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_sessions_ical_uid_key" ON "project_sessions" USING btree ("ical_uid");--> statement-breakpoint
CREATE INDEX "project_sessions_project_idx" ON "project_sessions" USING btree ("project_id","starts_at");--> statement-breakpoint
CREATE INDEX "project_sessions_engineer_idx" ON "project_sessions" USING btree ("engineer_id","starts_at");--> statement-breakpoint
CREATE INDEX "project_sessions_proposal_idx" ON "project_sessions" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "project_sessions_reminder_idx" ON "project_sessions" USING btree ("reminder_due_at") WHERE reminder_sent_at is null;--> statement-breakpoint
CREATE INDEX "session_proposals_project_idx" ON "session_proposals" USING btree ("project_id","created_at");--> statement-breakpoint
-- An engineer's booked sessions never overlap: two acceptances racing for the same time cannot both commit.
-- btree_gist lets the gist index compare the engineer's uuid with =; it is a trusted extension (PostgreSQL 13+), and PGlite loads it.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_no_overlap" EXCLUDE USING gist ("engineer_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE (state in ('confirmed', 'rescheduled', 'held'));
