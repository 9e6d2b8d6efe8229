import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { backfillNameGrams } from '../../src/customers/name-grams';

/** The customer search index (src/customers/name-grams.ts), filled for the archives already there. */
export class CustomerNameGrams1796410000000 implements MigrationInterface {
  name = 'CustomerNameGrams1796410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customer_name_gram" ("customer_id" integer NOT NULL, "gram" varchar(2) NOT NULL, PRIMARY KEY ("customer_id", "gram")) WITHOUT ROWID',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_383239ecf84d1a79c83be45c6d" ON "customer_name_gram" ("gram", "customer_id") ',
    );
    await backfillNameGrams(queryRunner.manager);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_383239ecf84d1a79c83be45c6d"');
    await queryRunner.query('DROP TABLE "customer_name_gram"');
  }
}
