CREATE TABLE "ai_policies" (
	"version" integer PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"created_by" uuid,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"unit_id" text,
	"target_type" text NOT NULL,
	"target_id" text,
	"user_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"reason" text,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"role" text NOT NULL,
	"approver_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "based_on_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "draft_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "ai_policy_version" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "is_audit_sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ai_policies" ADD CONSTRAINT "ai_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_ratings" ADD CONSTRAINT "ai_ratings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_ratings" ADD CONSTRAINT "ai_ratings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_ratings" ADD CONSTRAINT "ai_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_ratings_unit_idx" ON "ai_ratings" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_ratings_target_idx" ON "ai_ratings" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "approvals_draft_idx" ON "approvals" USING btree ("draft_id");--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_based_on_id_drafts_id_fk" FOREIGN KEY ("based_on_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_draft_uidx" ON "messages" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "messages_status_idx" ON "messages" USING btree ("direction","status");--> statement-breakpoint
-- Policy versions are history: a change is a new version, never an edit of an old one.
CREATE TRIGGER ai_policies_append_only BEFORE UPDATE OR DELETE ON ai_policies FOR EACH ROW EXECUTE FUNCTION ekspedit_append_only();
