import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Handovers1796390857077 implements MigrationInterface {
  name = 'Handovers1796390857077';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `handover` (`id` int NOT NULL AUTO_INCREMENT, `from_user_id` int NOT NULL, `to_user_id` int NOT NULL, `by_user_id` int NULL, `reason` varchar(500) NOT NULL, `archive_count` int NOT NULL, `visit_count` int NOT NULL, `handed_over_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `IDX_e826c45e4634ca1307ee84b257` (`from_user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `handover_item` (`id` int NOT NULL AUTO_INCREMENT, `handover_id` int NOT NULL, `customer_id` int NOT NULL, INDEX `IDX_cf82691e6c6cde86acaa882cc8` (`handover_id`, `customer_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_cf82691e6c6cde86acaa882cc8` ON `handover_item`');
    await queryRunner.query('DROP TABLE `handover_item`');
    await queryRunner.query('DROP INDEX `IDX_e826c45e4634ca1307ee84b257` ON `handover`');
    await queryRunner.query('DROP TABLE `handover`');
  }
}
