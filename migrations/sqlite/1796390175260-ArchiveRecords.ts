import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Former names (更名) and verification (核实); ADD COLUMN instead of make-migration's table rebuild. */
export class ArchiveRecords1796390175260 implements MigrationInterface {
  name = 'ArchiveRecords1796390175260';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "former_name" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "customer_id" integer NOT NULL, "name" varchar(128) NOT NULL, "until" date NOT NULL, "document_ref" varchar(128) NOT NULL, "renamed_by_id" integer, "recorded_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "IDX_47f69fee3d2599e58bf8d727d1" ON "former_name" ("customer_id", "id") ');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "verified_at" datetime(3)');
    await queryRunner.query('ALTER TABLE "customer" ADD COLUMN "verified_by_id" integer');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "verified_by_id"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "verified_at"');
    await queryRunner.query('DROP INDEX "IDX_47f69fee3d2599e58bf8d727d1"');
    await queryRunner.query('DROP TABLE "former_name"');
  }
}
