import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { nameKeySql } from '../../src/customers/name-key';

/** 查重 and merge: the normalized name key (backfilled from the names) and where a MERGED archive went. */
export class ArchiveMerge1796391113486 implements MigrationInterface {
  name = 'ArchiveMerge1796391113486';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `customer` ADD `name_key` varchar(128) NOT NULL DEFAULT ''");
    await queryRunner.query('ALTER TABLE `customer` ADD `merged_into_id` int NULL');
    await queryRunner.query(`UPDATE \`customer\` SET \`name_key\` = ${nameKeySql('`name`')}`);
    await queryRunner.query('CREATE INDEX `IDX_797b6dc5734b1a629d22a21c5d` ON `customer` (`name_key`)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_797b6dc5734b1a629d22a21c5d` ON `customer`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `merged_into_id`');
    await queryRunner.query('ALTER TABLE `customer` DROP COLUMN `name_key`');
  }
}
