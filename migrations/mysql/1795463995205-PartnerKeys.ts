import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class PartnerKeys1795463995205 implements MigrationInterface {
  name = 'PartnerKeys1795463995205';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `partner_key` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `name` varchar(100) NOT NULL, `prefix` varchar(16) NOT NULL, `secret_hash` varchar(64) NOT NULL, `created_by_id` int NULL, `revoked_at` datetime(3) NULL, UNIQUE INDEX `uq_partner_key_prefix` (`prefix`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_partner_key_prefix` ON `partner_key`');
    await queryRunner.query('DROP TABLE `partner_key`');
  }
}
