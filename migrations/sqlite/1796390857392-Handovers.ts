import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Handovers1796390857392 implements MigrationInterface {
  name = 'Handovers1796390857392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "handover" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_user_id" integer NOT NULL, "to_user_id" integer NOT NULL, "by_user_id" integer, "reason" varchar(500) NOT NULL, "archive_count" integer NOT NULL, "visit_count" integer NOT NULL, "handed_over_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "IDX_e826c45e4634ca1307ee84b257" ON "handover" ("from_user_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "handover_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "handover_id" integer NOT NULL, "customer_id" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cf82691e6c6cde86acaa882cc8" ON "handover_item" ("handover_id", "customer_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_cf82691e6c6cde86acaa882cc8"');
    await queryRunner.query('DROP TABLE "handover_item"');
    await queryRunner.query('DROP INDEX "IDX_e826c45e4634ca1307ee84b257"');
    await queryRunner.query('DROP TABLE "handover"');
  }
}
