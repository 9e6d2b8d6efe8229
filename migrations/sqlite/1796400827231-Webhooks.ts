import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Webhooks of partner apps (their cursor and lease) and their delivery log. */
export class Webhooks1796400827231 implements MigrationInterface {
  name = 'Webhooks1796400827231';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_key_id" integer NOT NULL, "url" varchar(2000) NOT NULL, "record_types" varchar(200) NOT NULL, "secret_box" varchar(200) NOT NULL, "delivered_seq" bigint NOT NULL, "failures" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime(3) NOT NULL, "last_error" varchar(500), "stopped_reason" varchar(32), "lease_owner" varchar(64), "lease_until" datetime(3), "created_by_id" integer, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_webhook_partner_key" ON "webhook" ("partner_key_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_webhook_due" ON "webhook" ("next_attempt_at") ');
    await queryRunner.query(
      'CREATE TABLE "webhook_delivery" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "webhook_id" integer NOT NULL, "seq" bigint NOT NULL, "attempt" integer NOT NULL, "outcome" varchar(32) NOT NULL, "http_status" integer, "error" varchar(500), "duration_ms" integer NOT NULL, "attempted_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_webhook_delivery_attempted_at" ON "webhook_delivery" ("attempted_at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_72f2e35fb2ff43a511f279c5d1" ON "webhook_delivery" ("webhook_id", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_72f2e35fb2ff43a511f279c5d1"');
    await queryRunner.query('DROP INDEX "ix_webhook_delivery_attempted_at"');
    await queryRunner.query('DROP TABLE "webhook_delivery"');
    await queryRunner.query('DROP INDEX "ix_webhook_due"');
    await queryRunner.query('DROP INDEX "ix_webhook_partner_key"');
    await queryRunner.query('DROP TABLE "webhook"');
  }
}
