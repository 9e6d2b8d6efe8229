import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ChangeFeed1795465248590 implements MigrationInterface {
  name = 'ChangeFeed1795465248590';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "change_event" ("seq" bigint PRIMARY KEY NOT NULL, "record_type" varchar(32) NOT NULL, "record_id" integer NOT NULL, "customer_id" integer NOT NULL, "operation" varchar(32) NOT NULL, "changed_fields" text NOT NULL, "actor_subject" varchar(200) NOT NULL, "actor_user_id" integer, "occurred_at" datetime(3) NOT NULL, "payload" text NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_change_event_occurred_at" ON "change_event" ("occurred_at") ');
    await queryRunner.query(
      'CREATE TABLE "change_sequence" ("id" integer PRIMARY KEY NOT NULL, "last" bigint NOT NULL)',
    );
    // Hand-written: the one row whose lock orders commits (src/changes/record-change.ts).
    await queryRunner.query('INSERT INTO "change_sequence" ("id", "last") VALUES (1, 0)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "change_sequence"');
    await queryRunner.query('DROP INDEX "ix_change_event_occurred_at"');
    await queryRunner.query('DROP TABLE "change_event"');
  }
}
