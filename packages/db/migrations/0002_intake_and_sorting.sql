CREATE TABLE "classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"model_version" text NOT NULL,
	"kle_code" text,
	"kind" text,
	"unit_id" text,
	"priority" text,
	"language" text,
	"confidence" double precision NOT NULL,
	"result" jsonb NOT NULL,
	"decision" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifier_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"trained_on" integer NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kle_subjects" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"title" text NOT NULL,
	"parent_code" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account" text NOT NULL,
	"mailbox" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"raw_hash" text NOT NULL,
	"message_id_header" text,
	"status" text DEFAULT 'stored' NOT NULL,
	"case_id" uuid,
	"message_id" uuid,
	"outcome" text,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "routing_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text,
	"kle_group" text,
	"threshold" double precision NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_examples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"subject" text,
	"body" text,
	"kle_code" text NOT NULL,
	"kind" text,
	"source" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "pii_spans" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pii_spans" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_receipts" ADD CONSTRAINT "mail_receipts_raw_hash_blobs_hash_fk" FOREIGN KEY ("raw_hash") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_receipts" ADD CONSTRAINT "mail_receipts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_receipts" ADD CONSTRAINT "mail_receipts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_examples" ADD CONSTRAINT "training_examples_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classifications_case_idx" ON "classifications" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "kle_subjects_parent_idx" ON "kle_subjects" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_receipts_identity_idx" ON "mail_receipts" USING btree ("account","mailbox","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "mail_receipts_hash_idx" ON "mail_receipts" USING btree ("raw_hash");--> statement-breakpoint
CREATE INDEX "mail_receipts_status_idx" ON "mail_receipts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_thresholds_scope_idx" ON "routing_thresholds" USING btree ("kind","kle_group");--> statement-breakpoint
CREATE INDEX "training_examples_case_idx" ON "training_examples" USING btree ("case_id");