import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Every time column as this migration found them: their values get one text form. */
const TIME_COLUMNS: Record<string, string[]> = {
  user: ['created_at', 'updated_at', 'left_at'],
  access_grant: ['created_at', 'updated_at', 'ends_at', 'decided_at'],
  read_audit: ['read_at'],
  customer: ['created_at', 'updated_at', 'approved_at', 'last_credit_review_at', 'first_trade_at', 'last_trade_at'],
  trade: ['created_at', 'updated_at', 'occurred_at', 'due_at'],
  contact: ['created_at', 'updated_at', 'consent_at'],
  complaint: ['created_at', 'updated_at', 'received_at', 'due_at', 'resolved_at'],
  visit: ['created_at', 'updated_at', 'planned_at', 'occurred_at', 'next_follow_up_at'],
  partner_key: ['created_at', 'updated_at', 'revoked_at'],
  change_event: ['occurred_at'],
};

/**
 * SQLite compares times as text, and rows written by datetime('now') or CURRENT_TIMESTAMP
 * had whole seconds ('2024-05-01 08:00:00') beside TypeORM's '2024-05-01 08:00:00.250':
 * keyset pages skipped and repeated rows (src/db/timestamps.ts). The created/updated
 * defaults become strftime with milliseconds (TypeORM rebuilds each table to change a
 * default), then every stored time is rewritten to 'YYYY-MM-DD HH:MM:SS.SSS'.
 */
export class MillisecondTimestamps1796389700000 implements MigrationInterface {
  name = 'MillisecondTimestamps1796389700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_cd43d6c3b1e44f67c197a1b800"');
    await queryRunner.query(
      'CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "name" varchar(64) NOT NULL, "department" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "left_at" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_user"("id", "created_at", "updated_at", "version", "name", "department", "role", "active", "left_at") SELECT "id", "created_at", "updated_at", "version", "name", "department", "role", "active", "left_at" FROM "user"',
    );
    await queryRunner.query('DROP TABLE "user"');
    await queryRunner.query('ALTER TABLE "temporary_user" RENAME TO "user"');
    await queryRunner.query('CREATE INDEX "IDX_cd43d6c3b1e44f67c197a1b800" ON "user" ("department") ');
    await queryRunner.query('DROP INDEX "IDX_79ef333ef2a05ffef4cd2e9ca6"');
    await queryRunner.query('DROP INDEX "IDX_a788eb3c7cf992daf3fd3f5816"');
    await queryRunner.query('DROP INDEX "IDX_e4cb64f756ec6019b7c33bb9a9"');
    await queryRunner.query('DROP INDEX "IDX_d74b29b3f0cd9cc1f52e49a4ab"');
    await queryRunner.query('DROP INDEX "IDX_914d87828ed2b3661eaf073edd"');
    await queryRunner.query('DROP INDEX "IDX_f26e8511654496c3d889d7628e"');
    await queryRunner.query('DROP INDEX "IDX_33134285d9eb5750ee64bac095"');
    await queryRunner.query('DROP INDEX "IDX_5fe6fc4b74a90db7f6b74c05db"');
    await queryRunner.query('DROP INDEX "IDX_8963daf694152f93cd7b2b96ef"');
    await queryRunner.query('DROP INDEX "IDX_d7a62be3d13e4af4b9d070030b"');
    await queryRunner.query('DROP INDEX "uq_customer_credit_code"');
    await queryRunner.query('DROP INDEX "uq_customer_archive_no"');
    await queryRunner.query(
      'CREATE TABLE "temporary_customer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "archive_no" varchar(32) NOT NULL, "name" varchar(128) NOT NULL, "short_name" varchar(64), "credit_code" varchar(18), "kind" varchar(32) NOT NULL, "nature" varchar(32), "industry" varchar(64), "region" varchar(32), "province" varchar(32), "city" varchar(32), "district" varchar(32), "address" varchar(255), "postcode" varchar(6), "phone" varchar(32), "fax" varchar(32), "email" varchar(128), "website" varchar(255), "legal_representative" varchar(64), "registered_capital" decimal(18,2), "founded_on" date, "main_shareholders" varchar(255), "business_scope" varchar(1000), "main_brands" varchar(255), "business_mode" varchar(32), "employee_count" integer, "scale" varchar(32), "years_in_business" integer, "industry_position" varchar(32), "sales_last_year" decimal(18,2), "sales_two_years_ago" decimal(18,2), "sales_three_years_ago" decimal(18,2), "market_share" decimal(5,2), "sales_capability" varchar(255), "growth_potential" varchar(255), "business_philosophy" varchar(255), "business_direction" varchar(255), "source" varchar(32), "category" varchar(32) NOT NULL DEFAULT (\'POTENTIAL_END\'), "status" varchar(32) NOT NULL DEFAULT (\'PENDING_APPROVAL\'), "owner_id" integer, "approved_at" datetime(3), "approved_by_id" integer, "abc_class" varchar(32) NOT NULL DEFAULT (\'C\'), "abc_override_reason" varchar(255), "star_rating" integer, "contact_policy" varchar(255), "purchase_cycle_days" integer, "credit_level" varchar(32), "credit_limit" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "credit_term_days" integer NOT NULL DEFAULT (0), "payment_terms" varchar(32), "outstanding_balance" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "bank_name" varchar(128), "bank_account" varchar(64), "credit_assessment" varchar(1000), "last_credit_review_at" datetime(3), "trade_count" integer NOT NULL DEFAULT (0), "trade_total" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "first_trade_at" datetime(3), "last_trade_at" datetime(3), CONSTRAINT "FK_5fe6fc4b74a90db7f6b74c05db5" FOREIGN KEY ("owner_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_customer"("id", "created_at", "updated_at", "version", "archive_no", "name", "short_name", "credit_code", "kind", "nature", "industry", "region", "province", "city", "district", "address", "postcode", "phone", "fax", "email", "website", "legal_representative", "registered_capital", "founded_on", "main_shareholders", "business_scope", "main_brands", "business_mode", "employee_count", "scale", "years_in_business", "industry_position", "sales_last_year", "sales_two_years_ago", "sales_three_years_ago", "market_share", "sales_capability", "growth_potential", "business_philosophy", "business_direction", "source", "category", "status", "owner_id", "approved_at", "approved_by_id", "abc_class", "abc_override_reason", "star_rating", "contact_policy", "purchase_cycle_days", "credit_level", "credit_limit", "credit_term_days", "payment_terms", "outstanding_balance", "bank_name", "bank_account", "credit_assessment", "last_credit_review_at", "trade_count", "trade_total", "first_trade_at", "last_trade_at") SELECT "id", "created_at", "updated_at", "version", "archive_no", "name", "short_name", "credit_code", "kind", "nature", "industry", "region", "province", "city", "district", "address", "postcode", "phone", "fax", "email", "website", "legal_representative", "registered_capital", "founded_on", "main_shareholders", "business_scope", "main_brands", "business_mode", "employee_count", "scale", "years_in_business", "industry_position", "sales_last_year", "sales_two_years_ago", "sales_three_years_ago", "market_share", "sales_capability", "growth_potential", "business_philosophy", "business_direction", "source", "category", "status", "owner_id", "approved_at", "approved_by_id", "abc_class", "abc_override_reason", "star_rating", "contact_policy", "purchase_cycle_days", "credit_level", "credit_limit", "credit_term_days", "payment_terms", "outstanding_balance", "bank_name", "bank_account", "credit_assessment", "last_credit_review_at", "trade_count", "trade_total", "first_trade_at", "last_trade_at" FROM "customer"',
    );
    await queryRunner.query('DROP TABLE "customer"');
    await queryRunner.query('ALTER TABLE "temporary_customer" RENAME TO "customer"');
    await queryRunner.query('CREATE INDEX "IDX_e4cb64f756ec6019b7c33bb9a9" ON "customer" ("abc_class", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_d74b29b3f0cd9cc1f52e49a4ab" ON "customer" ("region", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_914d87828ed2b3661eaf073edd" ON "customer" ("name", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_f26e8511654496c3d889d7628e" ON "customer" ("trade_total", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_33134285d9eb5750ee64bac095" ON "customer" ("last_trade_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_5fe6fc4b74a90db7f6b74c05db" ON "customer" ("owner_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8963daf694152f93cd7b2b96ef" ON "customer" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_d7a62be3d13e4af4b9d070030b" ON "customer" ("industry") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_credit_code" ON "customer" ("credit_code") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_archive_no" ON "customer" ("archive_no") ');
    await queryRunner.query('DROP INDEX "IDX_95d71e9e67ac564999b816f3f3"');
    await queryRunner.query('DROP INDEX "IDX_59050b84680ce07b5c2323a4ae"');
    await queryRunner.query('DROP INDEX "IDX_078b0e63cb39261dc33235b18e"');
    await queryRunner.query('DROP INDEX "IDX_0304e542c14ee36131a9086898"');
    await queryRunner.query(
      'CREATE TABLE "temporary_access_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "user_id" integer NOT NULL, "archive_no" varchar(32) NOT NULL, "customer_id" integer, "reason" varchar(500) NOT NULL, "ends_at" datetime(3) NOT NULL, "status" varchar(32) NOT NULL DEFAULT (\'REQUESTED\'), "decided_by_id" integer, "decided_at" datetime(3), "decision_note" varchar(500))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_access_grant"("id", "created_at", "updated_at", "version", "user_id", "archive_no", "customer_id", "reason", "ends_at", "status", "decided_by_id", "decided_at", "decision_note") SELECT "id", "created_at", "updated_at", "version", "user_id", "archive_no", "customer_id", "reason", "ends_at", "status", "decided_by_id", "decided_at", "decision_note" FROM "access_grant"',
    );
    await queryRunner.query('DROP TABLE "access_grant"');
    await queryRunner.query('ALTER TABLE "temporary_access_grant" RENAME TO "access_grant"');
    await queryRunner.query(
      'CREATE INDEX "IDX_59050b84680ce07b5c2323a4ae" ON "access_grant" ("user_id", "customer_id", "status", "ends_at") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_078b0e63cb39261dc33235b18e" ON "access_grant" ("customer_id") ');
    await queryRunner.query('CREATE INDEX "IDX_0304e542c14ee36131a9086898" ON "access_grant" ("user_id") ');
    await queryRunner.query('DROP INDEX "uq_partner_key_prefix"');
    await queryRunner.query(
      'CREATE TABLE "temporary_partner_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secret_hash" varchar(64) NOT NULL, "created_by_id" integer, "revoked_at" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_partner_key"("id", "created_at", "updated_at", "version", "name", "prefix", "secret_hash", "created_by_id", "revoked_at") SELECT "id", "created_at", "updated_at", "version", "name", "prefix", "secret_hash", "created_by_id", "revoked_at" FROM "partner_key"',
    );
    await queryRunner.query('DROP TABLE "partner_key"');
    await queryRunner.query('ALTER TABLE "temporary_partner_key" RENAME TO "partner_key"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_partner_key_prefix" ON "partner_key" ("prefix") ');
    await queryRunner.query('DROP INDEX "IDX_ecaa233dfd7937478fa81fea60"');
    await queryRunner.query(
      'CREATE TABLE "temporary_read_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "read_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "subject" varchar(128) NOT NULL, "user_id" integer, "roles" varchar(200) NOT NULL, "customer_id" integer NOT NULL, "archive_no" varchar(32) NOT NULL, "kind" varchar(32) NOT NULL, "fields" varchar(500) NOT NULL, "grant_id" integer, "request_id" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_read_audit"("id", "read_at", "subject", "user_id", "roles", "customer_id", "archive_no", "kind", "fields", "grant_id", "request_id") SELECT "id", "read_at", "subject", "user_id", "roles", "customer_id", "archive_no", "kind", "fields", "grant_id", "request_id" FROM "read_audit"',
    );
    await queryRunner.query('DROP TABLE "read_audit"');
    await queryRunner.query('ALTER TABLE "temporary_read_audit" RENAME TO "read_audit"');
    await queryRunner.query('CREATE INDEX "IDX_ecaa233dfd7937478fa81fea60" ON "read_audit" ("customer_id", "id") ');
    await queryRunner.query('DROP INDEX "IDX_1deb1505917e32d336a9b71c6b"');
    await queryRunner.query('DROP INDEX "IDX_bdf926bab192f89236de809fa4"');
    await queryRunner.query('DROP INDEX "IDX_e26431ede4c3c0a359e970fe2e"');
    await queryRunner.query('DROP INDEX "IDX_77c516f28506fefe4c0a54c449"');
    await queryRunner.query('DROP INDEX "IDX_0cad5d80d4ba2fade94f6a8ead"');
    await queryRunner.query('DROP INDEX "uq_trade_trade_no"');
    await queryRunner.query(
      'CREATE TABLE "temporary_trade" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "trade_no" varchar(32) NOT NULL, "customer_id" integer NOT NULL, "kind" varchar(32) NOT NULL, "occurred_at" datetime(3) NOT NULL, "place" varchar(255), "amount" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "product" varchar(128), "quantity" integer, "payment_method" varchar(32) NOT NULL DEFAULT (\'CASH\'), "payment_status" varchar(32) NOT NULL DEFAULT (\'UNPAID\'), "due_at" datetime(3), "defaulted" boolean NOT NULL DEFAULT (0), "handler_id" integer, "notes" varchar(1000), CONSTRAINT "FK_0cad5d80d4ba2fade94f6a8eadb" FOREIGN KEY ("handler_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_1ac04cbcaab7533a9b7db3b1af7" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_trade"("id", "created_at", "updated_at", "version", "trade_no", "customer_id", "kind", "occurred_at", "place", "amount", "product", "quantity", "payment_method", "payment_status", "due_at", "defaulted", "handler_id", "notes") SELECT "id", "created_at", "updated_at", "version", "trade_no", "customer_id", "kind", "occurred_at", "place", "amount", "product", "quantity", "payment_method", "payment_status", "due_at", "defaulted", "handler_id", "notes" FROM "trade"',
    );
    await queryRunner.query('DROP TABLE "trade"');
    await queryRunner.query('ALTER TABLE "temporary_trade" RENAME TO "trade"');
    await queryRunner.query(
      'CREATE INDEX "IDX_bdf926bab192f89236de809fa4" ON "trade" ("customer_id", "occurred_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_e26431ede4c3c0a359e970fe2e" ON "trade" ("occurred_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_77c516f28506fefe4c0a54c449" ON "trade" ("amount", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_0cad5d80d4ba2fade94f6a8ead" ON "trade" ("handler_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_trade_trade_no" ON "trade" ("trade_no") ');
    await queryRunner.query('DROP INDEX "IDX_414c4ecb93fb9657d3e6de5a07"');
    await queryRunner.query('DROP INDEX "IDX_79210dd609e2a40dd746fd0ff4"');
    await queryRunner.query('DROP INDEX "IDX_9036567ecd9e00cc3d0d768458"');
    await queryRunner.query('DROP INDEX "IDX_aacaa0a46d9f8b5f24a281f485"');
    await queryRunner.query('DROP INDEX "IDX_ffbfe9681444cfd262c1e19379"');
    await queryRunner.query('DROP INDEX "IDX_bbfd89860a38500d3ca75236a4"');
    await queryRunner.query(
      'CREATE TABLE "temporary_contact" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "name" varchar(64) NOT NULL, "gender" varchar(32) NOT NULL DEFAULT (\'UNDISCLOSED\'), "title" varchar(64), "role" varchar(32) NOT NULL DEFAULT (\'OTHER\'), "phone" varchar(32), "mobile" varchar(20), "email" varchar(128), "wechat" varchar(64), "fax" varchar(32), "is_primary" boolean NOT NULL DEFAULT (0), "birthday" date, "hometown" varchar(64), "education" varchar(32), "hobbies" varchar(255), "family" varchar(500), "consent_purpose" varchar(255), "consent_at" datetime(3), CONSTRAINT "FK_2838ec3d713f319d148e5987b1c" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_contact"("id", "created_at", "updated_at", "version", "customer_id", "name", "gender", "title", "role", "phone", "mobile", "email", "wechat", "fax", "is_primary", "birthday", "hometown", "education", "hobbies", "family", "consent_purpose", "consent_at") SELECT "id", "created_at", "updated_at", "version", "customer_id", "name", "gender", "title", "role", "phone", "mobile", "email", "wechat", "fax", "is_primary", "birthday", "hometown", "education", "hobbies", "family", "consent_purpose", "consent_at" FROM "contact"',
    );
    await queryRunner.query('DROP TABLE "contact"');
    await queryRunner.query('ALTER TABLE "temporary_contact" RENAME TO "contact"');
    await queryRunner.query(
      'CREATE INDEX "IDX_ffbfe9681444cfd262c1e19379" ON "contact" ("customer_id", "name", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_bbfd89860a38500d3ca75236a4" ON "contact" ("name", "id") ');
    await queryRunner.query('DROP INDEX "IDX_32566870ba417dd3dc118a23a6"');
    await queryRunner.query('DROP INDEX "IDX_198450e8b82ebe5e3c4710319b"');
    await queryRunner.query('DROP INDEX "IDX_bcb75a0e62a8b93e908874ad9f"');
    await queryRunner.query('DROP INDEX "IDX_26609fde4672f17c7bc5501ed0"');
    await queryRunner.query('DROP INDEX "IDX_ace91c2380cc1dc7f45c1a90b0"');
    await queryRunner.query('DROP INDEX "IDX_21a750605c02f838e541c45356"');
    await queryRunner.query('DROP INDEX "IDX_b1e4be83487b9f84851365ce71"');
    await queryRunner.query('DROP INDEX "IDX_b6b63da30d9aae7e6ca4368fa7"');
    await queryRunner.query('DROP INDEX "IDX_8a89daa92693037b889ef41e3c"');
    await queryRunner.query(
      'CREATE TABLE "temporary_complaint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "contact_id" integer, "received_at" datetime(3) NOT NULL, "channel" varchar(32) NOT NULL, "category" varchar(32) NOT NULL, "severity" varchar(32) NOT NULL DEFAULT (\'MEDIUM\'), "content" varchar(2000) NOT NULL, "status" varchar(32) NOT NULL DEFAULT (\'OPEN\'), "handler_id" integer, "resolution" varchar(1000), "measures" varchar(1000), "due_at" datetime(3), "resolved_at" datetime(3), "satisfaction" integer, CONSTRAINT "FK_b1e4be83487b9f84851365ce719" FOREIGN KEY ("handler_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_8a89daa92693037b889ef41e3cf" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_fc082348156ff3fc4ae28e0209e" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_complaint"("id", "created_at", "updated_at", "version", "customer_id", "contact_id", "received_at", "channel", "category", "severity", "content", "status", "handler_id", "resolution", "measures", "due_at", "resolved_at", "satisfaction") SELECT "id", "created_at", "updated_at", "version", "customer_id", "contact_id", "received_at", "channel", "category", "severity", "content", "status", "handler_id", "resolution", "measures", "due_at", "resolved_at", "satisfaction" FROM "complaint"',
    );
    await queryRunner.query('DROP TABLE "complaint"');
    await queryRunner.query('ALTER TABLE "temporary_complaint" RENAME TO "complaint"');
    await queryRunner.query(
      'CREATE INDEX "IDX_ace91c2380cc1dc7f45c1a90b0" ON "complaint" ("customer_id", "received_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_21a750605c02f838e541c45356" ON "complaint" ("received_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_b1e4be83487b9f84851365ce71" ON "complaint" ("handler_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b6b63da30d9aae7e6ca4368fa7" ON "complaint" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_8a89daa92693037b889ef41e3c" ON "complaint" ("contact_id") ');
    await queryRunner.query('DROP INDEX "IDX_b74e8306b020e33d8f8ddd0ff6"');
    await queryRunner.query('DROP INDEX "IDX_454fdf35ca22dc7b9f28ba6359"');
    await queryRunner.query('DROP INDEX "IDX_5e5538b3cbaef2873a6a3e6dc5"');
    await queryRunner.query('DROP INDEX "IDX_f7d112bfc3d900e98ebb93236e"');
    await queryRunner.query('DROP INDEX "IDX_5bd9b408ce013b70516b3021eb"');
    await queryRunner.query('DROP INDEX "IDX_1dcc5cd3eccb29bd65914e54ca"');
    await queryRunner.query('DROP INDEX "IDX_210ce4a9556c53ea1e7f39b83c"');
    await queryRunner.query('DROP INDEX "IDX_fb8461dd98109a472e908b9a43"');
    await queryRunner.query('DROP INDEX "IDX_c68bc667d4d1bc1f7ea6e984f6"');
    await queryRunner.query('DROP INDEX "IDX_6820ab66b3da20762acc596166"');
    await queryRunner.query(
      'CREATE TABLE "temporary_visit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "contact_id" integer, "user_id" integer NOT NULL, "kind" varchar(32) NOT NULL, "planned_at" datetime(3) NOT NULL, "occurred_at" datetime(3), "subject" varchar(128) NOT NULL, "summary" varchar(2000), "needs" varchar(1000), "outcome" varchar(1000), "next_follow_up_at" datetime(3), CONSTRAINT "FK_359bbdf2205ac56732464652f99" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6820ab66b3da20762acc596166b" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_83c95655435e17ceaace069d3a6" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_visit"("id", "created_at", "updated_at", "version", "customer_id", "contact_id", "user_id", "kind", "planned_at", "occurred_at", "subject", "summary", "needs", "outcome", "next_follow_up_at") SELECT "id", "created_at", "updated_at", "version", "customer_id", "contact_id", "user_id", "kind", "planned_at", "occurred_at", "subject", "summary", "needs", "outcome", "next_follow_up_at" FROM "visit"',
    );
    await queryRunner.query('DROP TABLE "visit"');
    await queryRunner.query('ALTER TABLE "temporary_visit" RENAME TO "visit"');
    await queryRunner.query(
      'CREATE INDEX "IDX_5bd9b408ce013b70516b3021eb" ON "visit" ("customer_id", "planned_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1dcc5cd3eccb29bd65914e54ca" ON "visit" ("user_id", "planned_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_210ce4a9556c53ea1e7f39b83c" ON "visit" ("planned_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_fb8461dd98109a472e908b9a43" ON "visit" ("next_follow_up_at") ');
    await queryRunner.query('CREATE INDEX "IDX_c68bc667d4d1bc1f7ea6e984f6" ON "visit" ("occurred_at") ');
    await queryRunner.query('CREATE INDEX "IDX_6820ab66b3da20762acc596166" ON "visit" ("contact_id") ');
    await queryRunner.query('CREATE INDEX "IDX_a788eb3c7cf992daf3fd3f5816" ON "customer" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_79ef333ef2a05ffef4cd2e9ca6" ON "customer" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_95d71e9e67ac564999b816f3f3" ON "access_grant" ("status", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_1deb1505917e32d336a9b71c6b" ON "trade" ("created_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_aacaa0a46d9f8b5f24a281f485" ON "contact" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_79210dd609e2a40dd746fd0ff4" ON "contact" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_9036567ecd9e00cc3d0d768458" ON "contact" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_414c4ecb93fb9657d3e6de5a07" ON "contact" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_26609fde4672f17c7bc5501ed0" ON "complaint" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_198450e8b82ebe5e3c4710319b" ON "complaint" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_bcb75a0e62a8b93e908874ad9f" ON "complaint" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_32566870ba417dd3dc118a23a6" ON "complaint" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_f7d112bfc3d900e98ebb93236e" ON "visit" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_454fdf35ca22dc7b9f28ba6359" ON "visit" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_5e5538b3cbaef2873a6a3e6dc5" ON "visit" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b74e8306b020e33d8f8ddd0ff6" ON "visit" ("customer_id", "created_at", "id") ',
    );
    for (const [table, columns] of Object.entries(TIME_COLUMNS)) {
      for (const c of columns) {
        await queryRunner.query(
          `UPDATE "${table}" SET "${c}" = strftime('%Y-%m-%d %H:%M:%f', "${c}") WHERE "${c}" <> strftime('%Y-%m-%d %H:%M:%f', "${c}")`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_b74e8306b020e33d8f8ddd0ff6"');
    await queryRunner.query('DROP INDEX "IDX_5e5538b3cbaef2873a6a3e6dc5"');
    await queryRunner.query('DROP INDEX "IDX_454fdf35ca22dc7b9f28ba6359"');
    await queryRunner.query('DROP INDEX "IDX_f7d112bfc3d900e98ebb93236e"');
    await queryRunner.query('DROP INDEX "IDX_32566870ba417dd3dc118a23a6"');
    await queryRunner.query('DROP INDEX "IDX_bcb75a0e62a8b93e908874ad9f"');
    await queryRunner.query('DROP INDEX "IDX_198450e8b82ebe5e3c4710319b"');
    await queryRunner.query('DROP INDEX "IDX_26609fde4672f17c7bc5501ed0"');
    await queryRunner.query('DROP INDEX "IDX_414c4ecb93fb9657d3e6de5a07"');
    await queryRunner.query('DROP INDEX "IDX_9036567ecd9e00cc3d0d768458"');
    await queryRunner.query('DROP INDEX "IDX_79210dd609e2a40dd746fd0ff4"');
    await queryRunner.query('DROP INDEX "IDX_aacaa0a46d9f8b5f24a281f485"');
    await queryRunner.query('DROP INDEX "IDX_1deb1505917e32d336a9b71c6b"');
    await queryRunner.query('DROP INDEX "IDX_95d71e9e67ac564999b816f3f3"');
    await queryRunner.query('DROP INDEX "IDX_79ef333ef2a05ffef4cd2e9ca6"');
    await queryRunner.query('DROP INDEX "IDX_a788eb3c7cf992daf3fd3f5816"');
    await queryRunner.query('DROP INDEX "IDX_6820ab66b3da20762acc596166"');
    await queryRunner.query('DROP INDEX "IDX_c68bc667d4d1bc1f7ea6e984f6"');
    await queryRunner.query('DROP INDEX "IDX_fb8461dd98109a472e908b9a43"');
    await queryRunner.query('DROP INDEX "IDX_210ce4a9556c53ea1e7f39b83c"');
    await queryRunner.query('DROP INDEX "IDX_1dcc5cd3eccb29bd65914e54ca"');
    await queryRunner.query('DROP INDEX "IDX_5bd9b408ce013b70516b3021eb"');
    await queryRunner.query('ALTER TABLE "visit" RENAME TO "temporary_visit"');
    await queryRunner.query(
      'CREATE TABLE "visit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "contact_id" integer, "user_id" integer NOT NULL, "kind" varchar(32) NOT NULL, "planned_at" datetime(3) NOT NULL, "occurred_at" datetime(3), "subject" varchar(128) NOT NULL, "summary" varchar(2000), "needs" varchar(1000), "outcome" varchar(1000), "next_follow_up_at" datetime(3), CONSTRAINT "FK_359bbdf2205ac56732464652f99" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6820ab66b3da20762acc596166b" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_83c95655435e17ceaace069d3a6" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "visit"("id", "created_at", "updated_at", "version", "customer_id", "contact_id", "user_id", "kind", "planned_at", "occurred_at", "subject", "summary", "needs", "outcome", "next_follow_up_at") SELECT "id", "created_at", "updated_at", "version", "customer_id", "contact_id", "user_id", "kind", "planned_at", "occurred_at", "subject", "summary", "needs", "outcome", "next_follow_up_at" FROM "temporary_visit"',
    );
    await queryRunner.query('DROP TABLE "temporary_visit"');
    await queryRunner.query('CREATE INDEX "IDX_6820ab66b3da20762acc596166" ON "visit" ("contact_id") ');
    await queryRunner.query('CREATE INDEX "IDX_c68bc667d4d1bc1f7ea6e984f6" ON "visit" ("occurred_at") ');
    await queryRunner.query('CREATE INDEX "IDX_fb8461dd98109a472e908b9a43" ON "visit" ("next_follow_up_at") ');
    await queryRunner.query('CREATE INDEX "IDX_210ce4a9556c53ea1e7f39b83c" ON "visit" ("planned_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_1dcc5cd3eccb29bd65914e54ca" ON "visit" ("user_id", "planned_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5bd9b408ce013b70516b3021eb" ON "visit" ("customer_id", "planned_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_f7d112bfc3d900e98ebb93236e" ON "visit" ("updated_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_5e5538b3cbaef2873a6a3e6dc5" ON "visit" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_454fdf35ca22dc7b9f28ba6359" ON "visit" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_b74e8306b020e33d8f8ddd0ff6" ON "visit" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_8a89daa92693037b889ef41e3c"');
    await queryRunner.query('DROP INDEX "IDX_b6b63da30d9aae7e6ca4368fa7"');
    await queryRunner.query('DROP INDEX "IDX_b1e4be83487b9f84851365ce71"');
    await queryRunner.query('DROP INDEX "IDX_21a750605c02f838e541c45356"');
    await queryRunner.query('DROP INDEX "IDX_ace91c2380cc1dc7f45c1a90b0"');
    await queryRunner.query('ALTER TABLE "complaint" RENAME TO "temporary_complaint"');
    await queryRunner.query(
      'CREATE TABLE "complaint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "contact_id" integer, "received_at" datetime(3) NOT NULL, "channel" varchar(32) NOT NULL, "category" varchar(32) NOT NULL, "severity" varchar(32) NOT NULL DEFAULT (\'MEDIUM\'), "content" varchar(2000) NOT NULL, "status" varchar(32) NOT NULL DEFAULT (\'OPEN\'), "handler_id" integer, "resolution" varchar(1000), "measures" varchar(1000), "due_at" datetime(3), "resolved_at" datetime(3), "satisfaction" integer, CONSTRAINT "FK_b1e4be83487b9f84851365ce719" FOREIGN KEY ("handler_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_8a89daa92693037b889ef41e3cf" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_fc082348156ff3fc4ae28e0209e" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "complaint"("id", "created_at", "updated_at", "version", "customer_id", "contact_id", "received_at", "channel", "category", "severity", "content", "status", "handler_id", "resolution", "measures", "due_at", "resolved_at", "satisfaction") SELECT "id", "created_at", "updated_at", "version", "customer_id", "contact_id", "received_at", "channel", "category", "severity", "content", "status", "handler_id", "resolution", "measures", "due_at", "resolved_at", "satisfaction" FROM "temporary_complaint"',
    );
    await queryRunner.query('DROP TABLE "temporary_complaint"');
    await queryRunner.query('CREATE INDEX "IDX_8a89daa92693037b889ef41e3c" ON "complaint" ("contact_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b6b63da30d9aae7e6ca4368fa7" ON "complaint" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_b1e4be83487b9f84851365ce71" ON "complaint" ("handler_id") ');
    await queryRunner.query('CREATE INDEX "IDX_21a750605c02f838e541c45356" ON "complaint" ("received_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_ace91c2380cc1dc7f45c1a90b0" ON "complaint" ("customer_id", "received_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_26609fde4672f17c7bc5501ed0" ON "complaint" ("updated_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_bcb75a0e62a8b93e908874ad9f" ON "complaint" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_198450e8b82ebe5e3c4710319b" ON "complaint" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_32566870ba417dd3dc118a23a6" ON "complaint" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_bbfd89860a38500d3ca75236a4"');
    await queryRunner.query('DROP INDEX "IDX_ffbfe9681444cfd262c1e19379"');
    await queryRunner.query('ALTER TABLE "contact" RENAME TO "temporary_contact"');
    await queryRunner.query(
      'CREATE TABLE "contact" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "name" varchar(64) NOT NULL, "gender" varchar(32) NOT NULL DEFAULT (\'UNDISCLOSED\'), "title" varchar(64), "role" varchar(32) NOT NULL DEFAULT (\'OTHER\'), "phone" varchar(32), "mobile" varchar(20), "email" varchar(128), "wechat" varchar(64), "fax" varchar(32), "is_primary" boolean NOT NULL DEFAULT (0), "birthday" date, "hometown" varchar(64), "education" varchar(32), "hobbies" varchar(255), "family" varchar(500), "consent_purpose" varchar(255), "consent_at" datetime(3), CONSTRAINT "FK_2838ec3d713f319d148e5987b1c" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "contact"("id", "created_at", "updated_at", "version", "customer_id", "name", "gender", "title", "role", "phone", "mobile", "email", "wechat", "fax", "is_primary", "birthday", "hometown", "education", "hobbies", "family", "consent_purpose", "consent_at") SELECT "id", "created_at", "updated_at", "version", "customer_id", "name", "gender", "title", "role", "phone", "mobile", "email", "wechat", "fax", "is_primary", "birthday", "hometown", "education", "hobbies", "family", "consent_purpose", "consent_at" FROM "temporary_contact"',
    );
    await queryRunner.query('DROP TABLE "temporary_contact"');
    await queryRunner.query('CREATE INDEX "IDX_bbfd89860a38500d3ca75236a4" ON "contact" ("name", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_ffbfe9681444cfd262c1e19379" ON "contact" ("customer_id", "name", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_aacaa0a46d9f8b5f24a281f485" ON "contact" ("updated_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_9036567ecd9e00cc3d0d768458" ON "contact" ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_79210dd609e2a40dd746fd0ff4" ON "contact" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_414c4ecb93fb9657d3e6de5a07" ON "contact" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query('DROP INDEX "uq_trade_trade_no"');
    await queryRunner.query('DROP INDEX "IDX_0cad5d80d4ba2fade94f6a8ead"');
    await queryRunner.query('DROP INDEX "IDX_77c516f28506fefe4c0a54c449"');
    await queryRunner.query('DROP INDEX "IDX_e26431ede4c3c0a359e970fe2e"');
    await queryRunner.query('DROP INDEX "IDX_bdf926bab192f89236de809fa4"');
    await queryRunner.query('ALTER TABLE "trade" RENAME TO "temporary_trade"');
    await queryRunner.query(
      'CREATE TABLE "trade" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "trade_no" varchar(32) NOT NULL, "customer_id" integer NOT NULL, "kind" varchar(32) NOT NULL, "occurred_at" datetime(3) NOT NULL, "place" varchar(255), "amount" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "product" varchar(128), "quantity" integer, "payment_method" varchar(32) NOT NULL DEFAULT (\'CASH\'), "payment_status" varchar(32) NOT NULL DEFAULT (\'UNPAID\'), "due_at" datetime(3), "defaulted" boolean NOT NULL DEFAULT (0), "handler_id" integer, "notes" varchar(1000), CONSTRAINT "FK_0cad5d80d4ba2fade94f6a8eadb" FOREIGN KEY ("handler_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_1ac04cbcaab7533a9b7db3b1af7" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "trade"("id", "created_at", "updated_at", "version", "trade_no", "customer_id", "kind", "occurred_at", "place", "amount", "product", "quantity", "payment_method", "payment_status", "due_at", "defaulted", "handler_id", "notes") SELECT "id", "created_at", "updated_at", "version", "trade_no", "customer_id", "kind", "occurred_at", "place", "amount", "product", "quantity", "payment_method", "payment_status", "due_at", "defaulted", "handler_id", "notes" FROM "temporary_trade"',
    );
    await queryRunner.query('DROP TABLE "temporary_trade"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_trade_trade_no" ON "trade" ("trade_no") ');
    await queryRunner.query('CREATE INDEX "IDX_0cad5d80d4ba2fade94f6a8ead" ON "trade" ("handler_id") ');
    await queryRunner.query('CREATE INDEX "IDX_77c516f28506fefe4c0a54c449" ON "trade" ("amount", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_e26431ede4c3c0a359e970fe2e" ON "trade" ("occurred_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_bdf926bab192f89236de809fa4" ON "trade" ("customer_id", "occurred_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_1deb1505917e32d336a9b71c6b" ON "trade" ("created_at", "id") ');
    await queryRunner.query('DROP INDEX "IDX_ecaa233dfd7937478fa81fea60"');
    await queryRunner.query('ALTER TABLE "read_audit" RENAME TO "temporary_read_audit"');
    await queryRunner.query(
      'CREATE TABLE "read_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "read_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "subject" varchar(128) NOT NULL, "user_id" integer, "roles" varchar(200) NOT NULL, "customer_id" integer NOT NULL, "archive_no" varchar(32) NOT NULL, "kind" varchar(32) NOT NULL, "fields" varchar(500) NOT NULL, "grant_id" integer, "request_id" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "read_audit"("id", "read_at", "subject", "user_id", "roles", "customer_id", "archive_no", "kind", "fields", "grant_id", "request_id") SELECT "id", "read_at", "subject", "user_id", "roles", "customer_id", "archive_no", "kind", "fields", "grant_id", "request_id" FROM "temporary_read_audit"',
    );
    await queryRunner.query('DROP TABLE "temporary_read_audit"');
    await queryRunner.query('CREATE INDEX "IDX_ecaa233dfd7937478fa81fea60" ON "read_audit" ("customer_id", "id") ');
    await queryRunner.query('DROP INDEX "uq_partner_key_prefix"');
    await queryRunner.query('ALTER TABLE "partner_key" RENAME TO "temporary_partner_key"');
    await queryRunner.query(
      'CREATE TABLE "partner_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secret_hash" varchar(64) NOT NULL, "created_by_id" integer, "revoked_at" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "partner_key"("id", "created_at", "updated_at", "version", "name", "prefix", "secret_hash", "created_by_id", "revoked_at") SELECT "id", "created_at", "updated_at", "version", "name", "prefix", "secret_hash", "created_by_id", "revoked_at" FROM "temporary_partner_key"',
    );
    await queryRunner.query('DROP TABLE "temporary_partner_key"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_partner_key_prefix" ON "partner_key" ("prefix") ');
    await queryRunner.query('DROP INDEX "IDX_0304e542c14ee36131a9086898"');
    await queryRunner.query('DROP INDEX "IDX_078b0e63cb39261dc33235b18e"');
    await queryRunner.query('DROP INDEX "IDX_59050b84680ce07b5c2323a4ae"');
    await queryRunner.query('ALTER TABLE "access_grant" RENAME TO "temporary_access_grant"');
    await queryRunner.query(
      'CREATE TABLE "access_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "user_id" integer NOT NULL, "archive_no" varchar(32) NOT NULL, "customer_id" integer, "reason" varchar(500) NOT NULL, "ends_at" datetime(3) NOT NULL, "status" varchar(32) NOT NULL DEFAULT (\'REQUESTED\'), "decided_by_id" integer, "decided_at" datetime(3), "decision_note" varchar(500))',
    );
    await queryRunner.query(
      'INSERT INTO "access_grant"("id", "created_at", "updated_at", "version", "user_id", "archive_no", "customer_id", "reason", "ends_at", "status", "decided_by_id", "decided_at", "decision_note") SELECT "id", "created_at", "updated_at", "version", "user_id", "archive_no", "customer_id", "reason", "ends_at", "status", "decided_by_id", "decided_at", "decision_note" FROM "temporary_access_grant"',
    );
    await queryRunner.query('DROP TABLE "temporary_access_grant"');
    await queryRunner.query('CREATE INDEX "IDX_0304e542c14ee36131a9086898" ON "access_grant" ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_078b0e63cb39261dc33235b18e" ON "access_grant" ("customer_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_59050b84680ce07b5c2323a4ae" ON "access_grant" ("user_id", "customer_id", "status", "ends_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_95d71e9e67ac564999b816f3f3" ON "access_grant" ("status", "created_at", "id") ',
    );
    await queryRunner.query('DROP INDEX "uq_customer_archive_no"');
    await queryRunner.query('DROP INDEX "uq_customer_credit_code"');
    await queryRunner.query('DROP INDEX "IDX_d7a62be3d13e4af4b9d070030b"');
    await queryRunner.query('DROP INDEX "IDX_8963daf694152f93cd7b2b96ef"');
    await queryRunner.query('DROP INDEX "IDX_5fe6fc4b74a90db7f6b74c05db"');
    await queryRunner.query('DROP INDEX "IDX_33134285d9eb5750ee64bac095"');
    await queryRunner.query('DROP INDEX "IDX_f26e8511654496c3d889d7628e"');
    await queryRunner.query('DROP INDEX "IDX_914d87828ed2b3661eaf073edd"');
    await queryRunner.query('DROP INDEX "IDX_d74b29b3f0cd9cc1f52e49a4ab"');
    await queryRunner.query('DROP INDEX "IDX_e4cb64f756ec6019b7c33bb9a9"');
    await queryRunner.query('ALTER TABLE "customer" RENAME TO "temporary_customer"');
    await queryRunner.query(
      'CREATE TABLE "customer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "archive_no" varchar(32) NOT NULL, "name" varchar(128) NOT NULL, "short_name" varchar(64), "credit_code" varchar(18), "kind" varchar(32) NOT NULL, "nature" varchar(32), "industry" varchar(64), "region" varchar(32), "province" varchar(32), "city" varchar(32), "district" varchar(32), "address" varchar(255), "postcode" varchar(6), "phone" varchar(32), "fax" varchar(32), "email" varchar(128), "website" varchar(255), "legal_representative" varchar(64), "registered_capital" decimal(18,2), "founded_on" date, "main_shareholders" varchar(255), "business_scope" varchar(1000), "main_brands" varchar(255), "business_mode" varchar(32), "employee_count" integer, "scale" varchar(32), "years_in_business" integer, "industry_position" varchar(32), "sales_last_year" decimal(18,2), "sales_two_years_ago" decimal(18,2), "sales_three_years_ago" decimal(18,2), "market_share" decimal(5,2), "sales_capability" varchar(255), "growth_potential" varchar(255), "business_philosophy" varchar(255), "business_direction" varchar(255), "source" varchar(32), "category" varchar(32) NOT NULL DEFAULT (\'POTENTIAL_END\'), "status" varchar(32) NOT NULL DEFAULT (\'PENDING_APPROVAL\'), "owner_id" integer, "approved_at" datetime(3), "approved_by_id" integer, "abc_class" varchar(32) NOT NULL DEFAULT (\'C\'), "abc_override_reason" varchar(255), "star_rating" integer, "contact_policy" varchar(255), "purchase_cycle_days" integer, "credit_level" varchar(32), "credit_limit" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "credit_term_days" integer NOT NULL DEFAULT (0), "payment_terms" varchar(32), "outstanding_balance" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "bank_name" varchar(128), "bank_account" varchar(64), "credit_assessment" varchar(1000), "last_credit_review_at" datetime(3), "trade_count" integer NOT NULL DEFAULT (0), "trade_total" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "first_trade_at" datetime(3), "last_trade_at" datetime(3), CONSTRAINT "FK_5fe6fc4b74a90db7f6b74c05db5" FOREIGN KEY ("owner_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "customer"("id", "created_at", "updated_at", "version", "archive_no", "name", "short_name", "credit_code", "kind", "nature", "industry", "region", "province", "city", "district", "address", "postcode", "phone", "fax", "email", "website", "legal_representative", "registered_capital", "founded_on", "main_shareholders", "business_scope", "main_brands", "business_mode", "employee_count", "scale", "years_in_business", "industry_position", "sales_last_year", "sales_two_years_ago", "sales_three_years_ago", "market_share", "sales_capability", "growth_potential", "business_philosophy", "business_direction", "source", "category", "status", "owner_id", "approved_at", "approved_by_id", "abc_class", "abc_override_reason", "star_rating", "contact_policy", "purchase_cycle_days", "credit_level", "credit_limit", "credit_term_days", "payment_terms", "outstanding_balance", "bank_name", "bank_account", "credit_assessment", "last_credit_review_at", "trade_count", "trade_total", "first_trade_at", "last_trade_at") SELECT "id", "created_at", "updated_at", "version", "archive_no", "name", "short_name", "credit_code", "kind", "nature", "industry", "region", "province", "city", "district", "address", "postcode", "phone", "fax", "email", "website", "legal_representative", "registered_capital", "founded_on", "main_shareholders", "business_scope", "main_brands", "business_mode", "employee_count", "scale", "years_in_business", "industry_position", "sales_last_year", "sales_two_years_ago", "sales_three_years_ago", "market_share", "sales_capability", "growth_potential", "business_philosophy", "business_direction", "source", "category", "status", "owner_id", "approved_at", "approved_by_id", "abc_class", "abc_override_reason", "star_rating", "contact_policy", "purchase_cycle_days", "credit_level", "credit_limit", "credit_term_days", "payment_terms", "outstanding_balance", "bank_name", "bank_account", "credit_assessment", "last_credit_review_at", "trade_count", "trade_total", "first_trade_at", "last_trade_at" FROM "temporary_customer"',
    );
    await queryRunner.query('DROP TABLE "temporary_customer"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_archive_no" ON "customer" ("archive_no") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_credit_code" ON "customer" ("credit_code") ');
    await queryRunner.query('CREATE INDEX "IDX_d7a62be3d13e4af4b9d070030b" ON "customer" ("industry") ');
    await queryRunner.query('CREATE INDEX "IDX_8963daf694152f93cd7b2b96ef" ON "customer" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_5fe6fc4b74a90db7f6b74c05db" ON "customer" ("owner_id") ');
    await queryRunner.query('CREATE INDEX "IDX_33134285d9eb5750ee64bac095" ON "customer" ("last_trade_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_f26e8511654496c3d889d7628e" ON "customer" ("trade_total", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_914d87828ed2b3661eaf073edd" ON "customer" ("name", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_d74b29b3f0cd9cc1f52e49a4ab" ON "customer" ("region", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_e4cb64f756ec6019b7c33bb9a9" ON "customer" ("abc_class", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_a788eb3c7cf992daf3fd3f5816" ON "customer" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_79ef333ef2a05ffef4cd2e9ca6" ON "customer" ("created_at", "id") ');
    await queryRunner.query('DROP INDEX "IDX_cd43d6c3b1e44f67c197a1b800"');
    await queryRunner.query('ALTER TABLE "user" RENAME TO "temporary_user"');
    await queryRunner.query(
      'CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "name" varchar(64) NOT NULL, "department" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "left_at" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "user"("id", "created_at", "updated_at", "version", "name", "department", "role", "active", "left_at") SELECT "id", "created_at", "updated_at", "version", "name", "department", "role", "active", "left_at" FROM "temporary_user"',
    );
    await queryRunner.query('DROP TABLE "temporary_user"');
    await queryRunner.query('CREATE INDEX "IDX_cd43d6c3b1e44f67c197a1b800" ON "user" ("department") ');
  }
}
