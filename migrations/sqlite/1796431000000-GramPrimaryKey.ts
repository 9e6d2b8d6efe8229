import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The search index keeps one B-tree (issue 19): its primary key becomes the posting list
 * (gram, created_at, customer_id), and the (customer_id, gram) key and the posting index go.
 * Writers now find an archive's rows by full key (refreshNameGrams). The rows are copied in the
 * new key's order, read from the posting index that already has it.
 */
export class GramPrimaryKey1796431000000 implements MigrationInterface {
  name = 'GramPrimaryKey1796431000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "temporary_customer_name_gram" ("gram" varchar(2) NOT NULL, "created_at" datetime(3) NOT NULL, "customer_id" integer NOT NULL, PRIMARY KEY ("gram", "created_at", "customer_id")) WITHOUT ROWID',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_customer_name_gram"("gram", "created_at", "customer_id") SELECT "gram", "created_at", "customer_id" FROM "customer_name_gram" INDEXED BY "IDX_306605c2ee739356b0f17f26e5" ORDER BY "gram", "created_at", "customer_id"',
    );
    await queryRunner.query('DROP TABLE "customer_name_gram"');
    await queryRunner.query('ALTER TABLE "temporary_customer_name_gram" RENAME TO "customer_name_gram"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "temporary_customer_name_gram" ("customer_id" integer NOT NULL, "gram" varchar(2) NOT NULL, "created_at" datetime(3) NOT NULL, PRIMARY KEY ("customer_id", "gram")) WITHOUT ROWID',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_customer_name_gram"("customer_id", "gram", "created_at") SELECT "customer_id", "gram", "created_at" FROM "customer_name_gram" ORDER BY "customer_id", "gram"',
    );
    await queryRunner.query('DROP TABLE "customer_name_gram"');
    await queryRunner.query('ALTER TABLE "temporary_customer_name_gram" RENAME TO "customer_name_gram"');
    await queryRunner.query(
      'CREATE INDEX "IDX_306605c2ee739356b0f17f26e5" ON "customer_name_gram" ("gram", "created_at", "customer_id") ',
    );
  }
}
