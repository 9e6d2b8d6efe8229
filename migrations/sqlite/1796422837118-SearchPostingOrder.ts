import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A search page walks its posting list in the list's default order (issue 17, name-search.ts):
 * the gram rows carry their archive's created_at, and (gram, created_at, customer_id) replaces
 * (gram, customer_id). The table is rebuilt from a join with the archives.
 */
export class SearchPostingOrder1796422837118 implements MigrationInterface {
  name = 'SearchPostingOrder1796422837118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_383239ecf84d1a79c83be45c6d"');
    await queryRunner.query(
      'CREATE TABLE "temporary_customer_name_gram" ("customer_id" integer NOT NULL, "gram" varchar(2) NOT NULL, "created_at" datetime(3) NOT NULL, PRIMARY KEY ("customer_id", "gram")) WITHOUT ROWID',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_customer_name_gram"("customer_id", "gram", "created_at") SELECT g."customer_id", g."gram", c."created_at" FROM "customer_name_gram" g JOIN "customer" c ON c."id" = g."customer_id"',
    );
    await queryRunner.query('DROP TABLE "customer_name_gram"');
    await queryRunner.query('ALTER TABLE "temporary_customer_name_gram" RENAME TO "customer_name_gram"');
    await queryRunner.query(
      'CREATE INDEX "IDX_306605c2ee739356b0f17f26e5" ON "customer_name_gram" ("gram", "created_at", "customer_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_306605c2ee739356b0f17f26e5"');
    await queryRunner.query('ALTER TABLE "customer_name_gram" RENAME TO "temporary_customer_name_gram"');
    await queryRunner.query(
      'CREATE TABLE "customer_name_gram" ("customer_id" integer NOT NULL, "gram" varchar(2) NOT NULL, PRIMARY KEY ("customer_id", "gram")) WITHOUT ROWID',
    );
    await queryRunner.query(
      'INSERT INTO "customer_name_gram"("customer_id", "gram") SELECT "customer_id", "gram" FROM "temporary_customer_name_gram"',
    );
    await queryRunner.query('DROP TABLE "temporary_customer_name_gram"');
    await queryRunner.query(
      'CREATE INDEX "IDX_383239ecf84d1a79c83be45c6d" ON "customer_name_gram" ("gram", "customer_id") ',
    );
  }
}
