import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The search index keeps one B-tree (issue 19): its primary key becomes the posting list
 * (gram, created_at, customer_id), and the (customer_id, gram) key and the posting index go.
 * Each gram row of an import was two B-tree inserts; writers now find an archive's rows by
 * full key (refreshNameGrams). Rebuilt as SearchPostingOrder did (about 26 million rows at a
 * million archives): copied in the new key's order, read from the posting index that already
 * has it, so the new table is appended to, never split or sorted.
 */
export class GramPrimaryKey1796431000000 implements MigrationInterface {
  name = 'GramPrimaryKey1796431000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `customer_name_gram_next` (`gram` varchar(2) NOT NULL, `created_at` datetime(3) NOT NULL, `customer_id` int NOT NULL, PRIMARY KEY (`gram`, `created_at`, `customer_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'INSERT INTO `customer_name_gram_next` (`gram`, `created_at`, `customer_id`) SELECT `gram`, `created_at`, `customer_id` FROM `customer_name_gram` FORCE INDEX (`IDX_306605c2ee739356b0f17f26e5`) ORDER BY `gram`, `created_at`, `customer_id`',
    );
    await queryRunner.query('DROP TABLE `customer_name_gram`');
    await queryRunner.query('RENAME TABLE `customer_name_gram_next` TO `customer_name_gram`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `customer_name_gram_next` (`customer_id` int NOT NULL, `gram` varchar(2) NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`customer_id`, `gram`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'INSERT INTO `customer_name_gram_next` (`customer_id`, `gram`, `created_at`) SELECT `customer_id`, `gram`, `created_at` FROM `customer_name_gram` ORDER BY `customer_id`, `gram`',
    );
    // Built once the rows are in: one sort instead of a B-tree insert per row.
    await queryRunner.query(
      'CREATE INDEX `IDX_306605c2ee739356b0f17f26e5` ON `customer_name_gram_next` (`gram`, `created_at`, `customer_id`)',
    );
    await queryRunner.query('DROP TABLE `customer_name_gram`');
    await queryRunner.query('RENAME TABLE `customer_name_gram_next` TO `customer_name_gram`');
  }
}
