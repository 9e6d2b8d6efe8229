import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { refreshAllDues } from '../../src/cadence/refresh-all';
import { DEFAULT_RULES } from '../../src/config/rules';

/**
 * ABC classification overrides, contact cadence, decline alerts, satisfaction surveys and care
 * reminders (issue 15): the survey table, the customer's derived due columns and the day keys
 * of birthdays, founding days and first trades, each with its index. Existing rows get their
 * values here (with the default cadence: after configuring another, run
 * `npm run jobs -- refresh-due-dates`); from then on the writes keep them.
 */
export class CommercialRules1796397486170 implements MigrationInterface {
  name = 'CommercialRules1796397486170';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `survey` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `contact_id` int NULL, `user_id` int NULL, `surveyed_at` datetime(3) NOT NULL, `scores_json` varchar(500) NOT NULL, `lowest_score` int NOT NULL, `comments` varchar(2000) NULL, `latest` tinyint NOT NULL DEFAULT 0, `corrective_action` varchar(1000) NULL, `corrective_action_at` datetime(3) NULL, `corrective_action_by_id` int NULL, INDEX `IDX_d27e7577ddd5e428ce58ca366c` (`contact_id`), INDEX `IDX_a37da0d039df5145bd187a32e0` (`user_id`), INDEX `IDX_e5f875b35d775dfed19d163578` (`latest`, `surveyed_at`, `id`), INDEX `IDX_8306b50d241d0fece8f22b14ec` (`customer_id`, `surveyed_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query('ALTER TABLE `customer` ADD `abc_overridden_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `abc_overridden_by_id` int NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `founded_key` int NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `first_trade_key` int NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `last_call_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `last_visit_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `next_call_due_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `next_visit_due_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `follow_up_due_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `last_order_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `next_purchase_due_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `last_surveyed_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `survey_due_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `contact` ADD `marketing_consent` tinyint NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE `contact` ADD `birthday_key` int NULL');
    await queryRunner.query('CREATE INDEX `IDX_a5dc9229fa112525945eb602dd` ON `customer` (`first_trade_key`, `id`)');
    await queryRunner.query('CREATE INDEX `IDX_02a966df4ad42ad7f4515e2610` ON `customer` (`founded_key`, `id`)');
    await queryRunner.query('CREATE INDEX `IDX_a416ed51c9c608624089e951a4` ON `customer` (`survey_due_at`, `id`)');
    await queryRunner.query(
      'CREATE INDEX `IDX_edcf644a916a9cc2360a910c0c` ON `customer` (`owner_id`, `next_purchase_due_at`, `id`)',
    );
    await queryRunner.query(
      'CREATE INDEX `IDX_02e396550d0c10b16022143ef2` ON `customer` (`owner_id`, `follow_up_due_at`, `id`)',
    );
    await queryRunner.query('CREATE INDEX `IDX_aa0470a612e43647f4da1b3e4f` ON `contact` (`birthday_key`, `id`)');
    await queryRunner.query(
      'ALTER TABLE `survey` ADD CONSTRAINT `FK_41587ef44c83bb5daf798b94be8` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `survey` ADD CONSTRAINT `FK_d27e7577ddd5e428ce58ca366cd` FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `survey` ADD CONSTRAINT `FK_a37da0d039df5145bd187a32e09` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'UPDATE `contact` SET `birthday_key` = MONTH(`birthday`) * 100 + DAYOFMONTH(`birthday`) WHERE `birthday` IS NOT NULL',
    );
    await queryRunner.query(
      'UPDATE `customer` SET `founded_key` = MONTH(`founded_on`) * 100 + DAYOFMONTH(`founded_on`) WHERE `founded_on` IS NOT NULL',
    );
    await refreshAllDues(queryRunner.manager, DEFAULT_RULES);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `survey` DROP FOREIGN KEY `FK_a37da0d039df5145bd187a32e09`');
    await queryRunner.query('ALTER TABLE `survey` DROP FOREIGN KEY `FK_d27e7577ddd5e428ce58ca366cd`');
    await queryRunner.query('ALTER TABLE `survey` DROP FOREIGN KEY `FK_41587ef44c83bb5daf798b94be8`');
    await queryRunner.query('DROP INDEX `IDX_aa0470a612e43647f4da1b3e4f` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_02e396550d0c10b16022143ef2` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_edcf644a916a9cc2360a910c0c` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_a416ed51c9c608624089e951a4` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_02a966df4ad42ad7f4515e2610` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_a5dc9229fa112525945eb602dd` ON `customer`');
    await queryRunner.query('ALTER TABLE `contact` DROP COLUMN `birthday_key`');
    await queryRunner.query('ALTER TABLE `contact` DROP COLUMN `marketing_consent`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `survey_due_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `last_surveyed_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `next_purchase_due_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `last_order_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `follow_up_due_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `next_visit_due_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `next_call_due_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `last_visit_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `last_call_at`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `first_trade_key`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `founded_key`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `abc_overridden_by_id`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `abc_overridden_at`');
    await queryRunner.query('DROP INDEX `IDX_8306b50d241d0fece8f22b14ec` ON `survey`');
    await queryRunner.query('DROP INDEX `IDX_e5f875b35d775dfed19d163578` ON `survey`');
    await queryRunner.query('DROP INDEX `IDX_a37da0d039df5145bd187a32e0` ON `survey`');
    await queryRunner.query('DROP INDEX `IDX_d27e7577ddd5e428ce58ca366c` ON `survey`');
    await queryRunner.query('DROP TABLE `survey`');
  }
}
