import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The screens at a million customers (issue 17). The filtered list (a region's archives of one
 * class by trade total) reads one range of (region, abc_class, trade_total, id) in order, and
 * counts it in the index alone; (region, id) goes, since MariaDB intersected it with
 * (abc_class, id) and sorted the whole range instead. customerStats by region and industry of
 * a class reads (abc_class, region, industry, trade_total, trade_count, star_rating), not the
 * wide rows.
 */
export class ScreenIndexes1796422423064 implements MigrationInterface {
  name = 'ScreenIndexes1796422423064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_d74b29b3f0cd9cc1f52e49a4ab` ON `customer`');
    await queryRunner.query(
      'CREATE INDEX `IDX_8a3d130feb6cf8f725d25360a5` ON `customer` (`abc_class`, `region`, `industry`, `trade_total`, `trade_count`, `star_rating`)',
    );
    await queryRunner.query(
      'CREATE INDEX `idx_customer_region_class_trade_total` ON `customer` (`region`, `abc_class`, `trade_total`, `id`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_customer_region_class_trade_total` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_8a3d130feb6cf8f725d25360a5` ON `customer`');
    await queryRunner.query('CREATE INDEX `IDX_d74b29b3f0cd9cc1f52e49a4ab` ON `customer` (`region`, `id`)');
  }
}
