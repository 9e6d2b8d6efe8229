import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class PartnerKeys1795463991591 implements MigrationInterface {
  name = 'PartnerKeys1795463991591';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "partner_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secret_hash" varchar(64) NOT NULL, "created_by_id" integer, "revoked_at" datetime(3))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_partner_key_prefix" ON "partner_key" ("prefix") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_partner_key_prefix"');
    await queryRunner.query('DROP TABLE "partner_key"');
  }
}
