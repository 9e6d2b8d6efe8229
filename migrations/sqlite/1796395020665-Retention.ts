import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Retention and destruction (销毁): when a relationship ended, and the destruction records; ADD COLUMN instead of a table rebuild. */
export class Retention1796395020665 implements MigrationInterface {
  name = 'Retention1796395020665';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "destruction" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "customer_id" integer NOT NULL, "archive_no" varchar(32) NOT NULL, "status" varchar(32) NOT NULL, "reason" varchar(500) NOT NULL, "method" varchar(200) NOT NULL, "proposed_by_id" integer, "proposed_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "decided_by_id" integer, "decided_at" datetime(3), "decision_note" varchar(500), "erased" varchar(500))',
    );
    await queryRunner.query('CREATE INDEX "IDX_b254629ed6798589c5a2111157" ON "destruction" ("customer_id", "id") ');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "ended_at" datetime(3)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "ended_at"');
    await queryRunner.query('DROP TABLE "destruction"');
  }
}
