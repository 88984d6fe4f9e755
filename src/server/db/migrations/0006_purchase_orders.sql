CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"order_date" date NOT NULL,
	"customer_id" uuid NOT NULL,
	"partner_id" uuid,
	"currency" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"lines" jsonb NOT NULL,
	"applications" jsonb NOT NULL,
	"deployment" text NOT NULL,
	"priority" text NOT NULL,
	"project_name" text,
	"status" text NOT NULL,
	"project_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "purchase_orders_status_check" CHECK (status in ('draft', 'approved')),
	CONSTRAINT "purchase_orders_deployment_check" CHECK (deployment in ('virtual-appliance', 'windows-vms')),
	CONSTRAINT "purchase_orders_priority_check" CHECK (priority in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "purchase_orders_amount_check" CHECK (amount >= 0),
	CONSTRAINT "purchase_orders_currency_check" CHECK (currency ~ '^[A-Z]{3}$'),
	CONSTRAINT "purchase_orders_approval_check" CHECK ((status = 'approved') = (project_id is not null and approved_at is not null))
);
--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_customer_id_organisations_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_partner_id_organisations_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_number_key" ON "purchase_orders" USING btree (lower("number"));--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_project_key" ON "purchase_orders" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_status_idx" ON "purchase_orders" USING btree ("status","created_at");