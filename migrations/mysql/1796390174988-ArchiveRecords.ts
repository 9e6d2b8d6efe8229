import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ArchiveRecords1796390174988 implements MigrationInterface {
  name = 'ArchiveRecords1796390174988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `former_name` (`id` int NOT NULL AUTO_INCREMENT, `customer_id` int NOT NULL, `name` varchar(128) NOT NULL, `until` date NOT NULL, `document_ref` varchar(128) NOT NULL, `renamed_by_id` int NULL, `recorded_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `IDX_47f69fee3d2599e58bf8d727d1` (`customer_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `customer` ADD `verified_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `customer` ADD `verified_by_id` int NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `verified_by_id`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `verified_at`');
    await queryRunner.query('DROP INDEX `IDX_47f69fee3d2599e58bf8d727d1` ON `former_name`');
    await queryRunner.query('DROP TABLE `former_name`');
  }
}
