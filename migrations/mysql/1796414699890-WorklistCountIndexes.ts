import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * overdueFollowUps and decliningCustomers (issue 15): their indexes gain status (always ACTIVE
 * in the query) and abc_class (the row scope), so a page and its totalCount read the owner's
 * due range of the index alone; at a million customers the count had read a million rows.
 */
export class WorklistCountIndexes1796414699890 implements MigrationInterface {
  name = 'WorklistCountIndexes1796414699890';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_edcf644a916a9cc2360a910c0c` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_02e396550d0c10b16022143ef2` ON `customer`');
    await queryRunner.query(
      'CREATE INDEX `IDX_cc42ac837b0512594e107d55da` ON `customer` (`owner_id`, `status`, `next_purchase_due_at`, `id`, `abc_class`)',
    );
    await queryRunner.query(
      'CREATE INDEX `IDX_817e18501b5a7ff16fd5397d61` ON `customer` (`owner_id`, `status`, `follow_up_due_at`, `id`, `abc_class`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_817e18501b5a7ff16fd5397d61` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_cc42ac837b0512594e107d55da` ON `customer`');
    await queryRunner.query(
      'CREATE INDEX `IDX_02e396550d0c10b16022143ef2` ON `customer` (`owner_id`, `follow_up_due_at`, `id`)',
    );
    await queryRunner.query(
      'CREATE INDEX `IDX_edcf644a916a9cc2360a910c0c` ON `customer` (`owner_id`, `next_purchase_due_at`, `id`)',
    );
  }
}
