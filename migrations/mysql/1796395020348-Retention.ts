import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Retention1796395020348 implements MigrationInterface {
  name = 'Retention1796395020348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `destruction` (`id` int NOT NULL AUTO_INCREMENT, `customer_id` int NOT NULL, `archive_no` varchar(32) NOT NULL, `status` varchar(32) NOT NULL, `reason` varchar(500) NOT NULL, `method` varchar(200) NOT NULL, `proposed_by_id` int NULL, `proposed_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `decided_by_id` int NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(500) NULL, `erased` varchar(500) NULL, INDEX `IDX_b254629ed6798589c5a2111157` (`customer_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `customer` ADD `ended_at` datetime(3) NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `ended_at`');
    await queryRunner.query('DROP INDEX `IDX_b254629ed6798589c5a2111157` ON `destruction`');
    await queryRunner.query('DROP TABLE `destruction`');
  }
}
