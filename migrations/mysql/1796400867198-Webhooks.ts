import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Webhooks of partner apps (their cursor and lease) and their delivery log. */
export class Webhooks1796400867198 implements MigrationInterface {
  name = 'Webhooks1796400867198';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `webhook` (`id` int NOT NULL AUTO_INCREMENT, `partner_key_id` int NOT NULL, `url` varchar(2000) NOT NULL, `record_types` varchar(200) NOT NULL, `secret_box` varchar(200) NOT NULL, `delivered_seq` bigint NOT NULL, `failures` int NOT NULL DEFAULT '0', `next_attempt_at` datetime(3) NOT NULL, `last_error` varchar(500) NULL, `stopped_reason` varchar(32) NULL, `lease_owner` varchar(64) NULL, `lease_until` datetime(3) NULL, `created_by_id` int NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_webhook_partner_key` (`partner_key_id`, `id`), INDEX `ix_webhook_due` (`next_attempt_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `webhook_delivery` (`id` int NOT NULL AUTO_INCREMENT, `webhook_id` int NOT NULL, `seq` bigint NOT NULL, `attempt` int NOT NULL, `outcome` varchar(32) NOT NULL, `http_status` int NULL, `error` varchar(500) NULL, `duration_ms` int NOT NULL, `attempted_at` datetime(3) NOT NULL, INDEX `ix_webhook_delivery_attempted_at` (`attempted_at`), INDEX `IDX_72f2e35fb2ff43a511f279c5d1` (`webhook_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_72f2e35fb2ff43a511f279c5d1` ON `webhook_delivery`');
    await queryRunner.query('DROP INDEX `ix_webhook_delivery_attempted_at` ON `webhook_delivery`');
    await queryRunner.query('DROP TABLE `webhook_delivery`');
    await queryRunner.query('DROP INDEX `ix_webhook_due` ON `webhook`');
    await queryRunner.query('DROP INDEX `ix_webhook_partner_key` ON `webhook`');
    await queryRunner.query('DROP TABLE `webhook`');
  }
}
