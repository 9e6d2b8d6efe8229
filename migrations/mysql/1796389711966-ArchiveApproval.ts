import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Archive approval and numbering: who created and who rejected a draft, the credit code's
 * uniqueness moved to approved archives (drafts may share a code until a manager decides, so a
 * draft never reveals a hidden archive), trade numbers unique per archive, and the per-prefix
 * archive-number sequences. Hand-written from make-migration's output (it added the unique
 * index twice).
 */
export class ArchiveApproval1796389711966 implements MigrationInterface {
  name = 'ArchiveApproval1796389711966';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `archive_number_sequence` (`prefix` varchar(24) NOT NULL, `last` int NOT NULL, PRIMARY KEY (`prefix`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "ALTER TABLE `customer` ADD `credit_code_key` varchar(18) NULL, ADD `created_by_id` int NULL, ADD `rejection_reason` varchar(500) NULL, ADD `trade_seq` int NOT NULL DEFAULT '0'",
    );
    await queryRunner.query(
      "UPDATE `customer` SET `credit_code_key` = `credit_code` WHERE `status` NOT IN ('PENDING_APPROVAL', 'REJECTED')",
    );
    await queryRunner.query('DROP INDEX `uq_customer_credit_code` ON `customer`');
    await queryRunner.query('CREATE INDEX `IDX_61084eae5a540d42d0e0156592` ON `customer` (`credit_code`)');
    await queryRunner.query('CREATE UNIQUE INDEX `uq_customer_credit_code_key` ON `customer` (`credit_code_key`)');
    await queryRunner.query('CREATE UNIQUE INDEX `uq_trade_customer_trade_no` ON `trade` (`customer_id`, `trade_no`)');
    await queryRunner.query('DROP INDEX `uq_trade_trade_no` ON `trade`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE UNIQUE INDEX `uq_trade_trade_no` ON `trade` (`trade_no`)');
    await queryRunner.query('DROP INDEX `uq_trade_customer_trade_no` ON `trade`');
    await queryRunner.query('DROP INDEX `uq_customer_credit_code_key` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_61084eae5a540d42d0e0156592` ON `customer`');
    await queryRunner.query('CREATE UNIQUE INDEX `uq_customer_credit_code` ON `customer` (`credit_code`)');
    await queryRunner.query(
      'ALTER TABLE `customer` DROP COLUMN `trade_seq`, DROP COLUMN `rejection_reason`, DROP COLUMN `created_by_id`, DROP COLUMN `credit_code_key`',
    );
    await queryRunner.query('DROP TABLE `archive_number_sequence`');
  }
}
