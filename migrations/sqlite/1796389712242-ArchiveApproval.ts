import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Archive approval and numbering (see the MySQL migration of the same name). Written with
 * ALTER TABLE … ADD COLUMN instead of the table rebuild make-migration proposes, so it
 * leaves every other column's definition as earlier migrations made it.
 */
export class ArchiveApproval1796389712242 implements MigrationInterface {
  name = 'ArchiveApproval1796389712242';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "archive_number_sequence" ("prefix" varchar(24) PRIMARY KEY NOT NULL, "last" integer NOT NULL)',
    );
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "credit_code_key" varchar(18)');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "created_by_id" integer');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "rejection_reason" varchar(500)');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "trade_seq" integer NOT NULL DEFAULT (0)');
    await queryRunner.query(
      'UPDATE "customer" SET "credit_code_key" = "credit_code" WHERE "status" NOT IN (\'PENDING_APPROVAL\', \'REJECTED\')',
    );
    await queryRunner.query('DROP INDEX "uq_customer_credit_code"');
    await queryRunner.query('CREATE INDEX "IDX_61084eae5a540d42d0e0156592" ON "customer" ("credit_code") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_credit_code_key" ON "customer" ("credit_code_key") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_trade_customer_trade_no" ON "trade" ("customer_id", "trade_no") ');
    await queryRunner.query('DROP INDEX "uq_trade_trade_no"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE UNIQUE INDEX "uq_trade_trade_no" ON "trade" ("trade_no") ');
    await queryRunner.query('DROP INDEX "uq_trade_customer_trade_no"');
    await queryRunner.query('DROP INDEX "uq_customer_credit_code_key"');
    await queryRunner.query('DROP INDEX "IDX_61084eae5a540d42d0e0156592"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_customer_credit_code" ON "customer" ("credit_code") ');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "trade_seq"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "rejection_reason"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "created_by_id"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "credit_code_key"');
    await queryRunner.query('DROP TABLE "archive_number_sequence"');
  }
}
