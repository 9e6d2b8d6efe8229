import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { LEDGER_AMOUNT } from '../../src/trades/trade-stats';

/**
 * Credit control and complaint service levels (issue 15): credit overrides and limit raise
 * requests, the ledger's opening balance, sample and cancelled trades, complaint escalation.
 * The opening balance is what each customer's balance was beyond its recorded trades, so
 * recomputing the balance from the trades (trade-stats.ts) leaves every balance as it was.
 */
const OPENING = `ROUND(\`outstanding_balance\` - (SELECT COALESCE(SUM(${LEDGER_AMOUNT}), 0) FROM \`trade\` t WHERE t.customer_id = \`customer\`.\`id\`), 2)`;

export class CreditAndComplaints1796392000000 implements MigrationInterface {
  name = 'CreditAndComplaints1796392000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `credit_override` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `reason` varchar(500) NOT NULL, `requested_by_id` int NOT NULL, `decided_by_id` int NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(500) NULL, `amount` decimal(18,2) NOT NULL DEFAULT '0.00', `status` varchar(32) NOT NULL DEFAULT 'REQUESTED', `expires_at` datetime(3) NULL, `used_by_trade_id` int NULL, `used_at` datetime(3) NULL, INDEX `IDX_dec1441b6e2ec4be5d62339218` (`requested_by_id`), INDEX `IDX_57af95a0a5f71cd49dae3a0495` (`status`), INDEX `IDX_4cab9de7accf9fce74ef25af92` (`used_by_trade_id`), INDEX `IDX_4ec0e4c4819dda076d2e771e92` (`created_at`, `id`), INDEX `IDX_d4cbc20f73bd5a394c6b11a926` (`customer_id`, `created_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `credit_limit_raise` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `reason` varchar(500) NOT NULL, `requested_by_id` int NOT NULL, `decided_by_id` int NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(500) NULL, `old_limit` decimal(18,2) NOT NULL DEFAULT '0.00', `new_limit` decimal(18,2) NOT NULL DEFAULT '0.00', `status` varchar(32) NOT NULL DEFAULT 'REQUESTED', INDEX `IDX_f9540dfa4a1a77f894227d241c` (`requested_by_id`), INDEX `IDX_91f610cfd16bf800a2f44d5dff` (`status`), INDEX `IDX_0fe2dd5539f3b00d4740b5e58d` (`created_at`, `id`), INDEX `IDX_3fad746eaea56e052584b73ca3` (`customer_id`, `created_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query("ALTER TABLE `customer` ADD `opening_balance` decimal(18,2) NOT NULL DEFAULT '0.00'");
    await queryRunner.query(`UPDATE \`customer\` SET \`opening_balance\` = ${OPENING}`);
    await queryRunner.query('ALTER TABLE `trade` ADD `sample` tinyint NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE `trade` ADD `credit_override_id` int NULL');
    await queryRunner.query('ALTER TABLE `trade` ADD `cancelled_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `trade` ADD `cancelled_by_id` int NULL');
    await queryRunner.query('ALTER TABLE `trade` ADD `cancellation_reason` varchar(500) NULL');
    await queryRunner.query('ALTER TABLE `complaint` ADD `escalated_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `complaint` ADD `escalated_to_id` int NULL');
    await queryRunner.query('CREATE INDEX `IDX_225829aeaab6fb0d7d12fba4dd` ON `complaint` (`status`, `due_at`, `id`)');
    await queryRunner.query(
      'ALTER TABLE `credit_override` ADD CONSTRAINT `FK_e7cdbef0ae5aec1e05e620dd5ab` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `credit_override` ADD CONSTRAINT `FK_dec1441b6e2ec4be5d62339218d` FOREIGN KEY (`requested_by_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `credit_override` ADD CONSTRAINT `FK_753ca0a1aa2c315bb392cb7383c` FOREIGN KEY (`decided_by_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `credit_limit_raise` ADD CONSTRAINT `FK_02d61d85bb6cd57d0927865eebf` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `credit_limit_raise` ADD CONSTRAINT `FK_f9540dfa4a1a77f894227d241cd` FOREIGN KEY (`requested_by_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `credit_limit_raise` ADD CONSTRAINT `FK_26faef5e349568ece8ebff7f73c` FOREIGN KEY (`decided_by_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `credit_limit_raise` DROP FOREIGN KEY `FK_26faef5e349568ece8ebff7f73c`');
    await queryRunner.query('ALTER TABLE `credit_limit_raise` DROP FOREIGN KEY `FK_f9540dfa4a1a77f894227d241cd`');
    await queryRunner.query('ALTER TABLE `credit_limit_raise` DROP FOREIGN KEY `FK_02d61d85bb6cd57d0927865eebf`');
    await queryRunner.query('ALTER TABLE `credit_override` DROP FOREIGN KEY `FK_753ca0a1aa2c315bb392cb7383c`');
    await queryRunner.query('ALTER TABLE `credit_override` DROP FOREIGN KEY `FK_dec1441b6e2ec4be5d62339218d`');
    await queryRunner.query('ALTER TABLE `credit_override` DROP FOREIGN KEY `FK_e7cdbef0ae5aec1e05e620dd5ab`');
    await queryRunner.query('DROP INDEX `IDX_225829aeaab6fb0d7d12fba4dd` ON `complaint`');
    await queryRunner.query('ALTER TABLE `complaint` DROP COLUMN `escalated_to_id`');
    await queryRunner.query('ALTER TABLE `complaint` DROP COLUMN `escalated_at`');
    await queryRunner.query('ALTER TABLE `trade` DROP COLUMN `cancellation_reason`');
    await queryRunner.query('ALTER TABLE `trade` DROP COLUMN `cancelled_by_id`');
    await queryRunner.query('ALTER TABLE `trade` DROP COLUMN `cancelled_at`');
    await queryRunner.query('ALTER TABLE `trade` DROP COLUMN `credit_override_id`');
    await queryRunner.query('ALTER TABLE `trade` DROP COLUMN `sample`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `opening_balance`');
    await queryRunner.query('DROP INDEX `IDX_3fad746eaea56e052584b73ca3` ON `credit_limit_raise`');
    await queryRunner.query('DROP INDEX `IDX_0fe2dd5539f3b00d4740b5e58d` ON `credit_limit_raise`');
    await queryRunner.query('DROP INDEX `IDX_91f610cfd16bf800a2f44d5dff` ON `credit_limit_raise`');
    await queryRunner.query('DROP INDEX `IDX_f9540dfa4a1a77f894227d241c` ON `credit_limit_raise`');
    await queryRunner.query('DROP TABLE `credit_limit_raise`');
    await queryRunner.query('DROP INDEX `IDX_d4cbc20f73bd5a394c6b11a926` ON `credit_override`');
    await queryRunner.query('DROP INDEX `IDX_4ec0e4c4819dda076d2e771e92` ON `credit_override`');
    await queryRunner.query('DROP INDEX `IDX_4cab9de7accf9fce74ef25af92` ON `credit_override`');
    await queryRunner.query('DROP INDEX `IDX_57af95a0a5f71cd49dae3a0495` ON `credit_override`');
    await queryRunner.query('DROP INDEX `IDX_dec1441b6e2ec4be5d62339218` ON `credit_override`');
    await queryRunner.query('DROP TABLE `credit_override`');
  }
}
