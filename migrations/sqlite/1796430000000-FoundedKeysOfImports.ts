import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Archives created by `npm run import` before it kept `founded_key` have a founding day but no
 * anniversary key, so the care reminders never named them. The key as dayKey computes it
 * (month × 100 + day); archives that have one, or no founding day, are left as they are.
 */
export class FoundedKeysOfImports1796430000000 implements MigrationInterface {
  name = 'FoundedKeysOfImports1796430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "customer" SET "founded_key" = CAST(strftime('%m%d', "founded_on") AS INTEGER) WHERE "founded_on" IS NOT NULL AND "founded_key" IS NULL`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: the keys are what every writer sets.
  }
}
