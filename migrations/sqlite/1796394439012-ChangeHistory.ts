import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ChangeHistory1796394439012 implements MigrationInterface {
  name = 'ChangeHistory1796394439012';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "change_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "record_type" varchar(32) NOT NULL, "record_id" integer NOT NULL, "customer_id" integer NOT NULL, "operation" varchar(32) NOT NULL, "actor_subject" varchar(200) NOT NULL, "actor_user_id" integer, "occurred_at" datetime(3) NOT NULL, "note" varchar(500), "changes" text NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_d3f09726c7b05037093275a5fd" ON "change_history" ("customer_id", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_73ff9abed1db3b7db28d607c51" ON "change_history" ("record_type", "record_id", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_73ff9abed1db3b7db28d607c51"');
    await queryRunner.query('DROP INDEX "IDX_d3f09726c7b05037093275a5fd"');
    await queryRunner.query('DROP TABLE "change_history"');
  }
}
