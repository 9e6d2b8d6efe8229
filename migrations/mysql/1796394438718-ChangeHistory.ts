import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ChangeHistory1796394438718 implements MigrationInterface {
  name = 'ChangeHistory1796394438718';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `change_history` (`id` int NOT NULL AUTO_INCREMENT, `record_type` varchar(32) NOT NULL, `record_id` int NOT NULL, `customer_id` int NOT NULL, `operation` varchar(32) NOT NULL, `actor_subject` varchar(200) NOT NULL, `actor_user_id` int NULL, `occurred_at` datetime(3) NOT NULL, `note` varchar(500) NULL, `changes` text NOT NULL, INDEX `IDX_d3f09726c7b05037093275a5fd` (`customer_id`, `id`), INDEX `IDX_73ff9abed1db3b7db28d607c51` (`record_type`, `record_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_73ff9abed1db3b7db28d607c51` ON `change_history`');
    await queryRunner.query('DROP INDEX `IDX_d3f09726c7b05037093275a5fd` ON `change_history`');
    await queryRunner.query('DROP TABLE `change_history`');
  }
}
