import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** 输出档案登记: one row per export (who, when, filter, format, rows). */
export class ExportRecords1796401573600 implements MigrationInterface {
  name = 'ExportRecords1796401573600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `export_record` (`id` int NOT NULL AUTO_INCREMENT, `exported_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `started_at` datetime(3) NOT NULL, `subject` varchar(128) NOT NULL, `user_id` int NULL, `roles` varchar(200) NOT NULL, `record_type` varchar(32) NOT NULL, `filter` varchar(2000) NOT NULL, `format` varchar(8) NOT NULL, `row_count` int NOT NULL, `complete` tinyint NOT NULL, `request_id` varchar(64) NOT NULL, INDEX `IDX_ae1e98f42d5b44e437cbdc4c85` (`exported_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_ae1e98f42d5b44e437cbdc4c85` ON `export_record`');
    await queryRunner.query('DROP TABLE `export_record`');
  }
}
