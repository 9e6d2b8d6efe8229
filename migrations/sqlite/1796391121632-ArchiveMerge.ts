import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { nameKeySql } from '../../src/customers/name-key';

/** 查重 and merge (see the MySQL migration of the same name); ADD COLUMN instead of a table rebuild. */
export class ArchiveMerge1796391121632 implements MigrationInterface {
  name = 'ArchiveMerge1796391121632';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN "name_key" varchar(128) NOT NULL DEFAULT ('')`);
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "merged_into_id" integer');
    await queryRunner.query(`UPDATE "customer" SET "name_key" = ${nameKeySql('"name"')}`);
    await queryRunner.query('CREATE INDEX "IDX_797b6dc5734b1a629d22a21c5d" ON "customer" ("name_key") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_797b6dc5734b1a629d22a21c5d"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "merged_into_id"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "name_key"');
  }
}
