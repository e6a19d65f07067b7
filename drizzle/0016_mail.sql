CREATE TABLE "mail_cursor" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_notification_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"work_item_id" uuid,
	"user_id" uuid,
	"message_id" text NOT NULL,
	"in_reply_to" text,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD COLUMN "mail_address" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_message_id_key" ON "mail_messages" USING btree ("direction","message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_item_idx" ON "mail_messages" USING btree ("work_item_id","id");--> statement-breakpoint
CREATE INDEX "mail_messages_queued_idx" ON "mail_messages" USING btree ("id") WHERE "mail_messages"."state" = 'queued';--> statement-breakpoint
CREATE INDEX "mail_messages_sender_idx" ON "mail_messages" USING btree (lower("from_address"),"created_at") WHERE "mail_messages"."direction" = 'in';--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_items_mail_address_key" ON "catalogue_items" USING btree (lower("mail_address"));