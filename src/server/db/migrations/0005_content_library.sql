CREATE TABLE "content_items" (
	"path" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"is_default" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_items_path_version_pk" PRIMARY KEY("path","version"),
	CONSTRAINT "content_items_version_check" CHECK (version > 0)
);
--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;