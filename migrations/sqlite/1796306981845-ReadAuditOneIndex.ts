import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ReadAuditOneIndex1796306981845 implements MigrationInterface {
  name = 'ReadAuditOneIndex1796306981845';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_38387a08acf65d509f3617374b"');
    await queryRunner.query('DROP INDEX "IDX_5404ff18f1c38317ef4194c11d"');
    await queryRunner.query('DROP INDEX "IDX_41b155977957ea82c3b77615a4"');
    await queryRunner.query('CREATE INDEX "IDX_ecaa233dfd7937478fa81fea60" ON "read_audit" ("customer_id", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_ecaa233dfd7937478fa81fea60"');
    await queryRunner.query('CREATE INDEX "IDX_41b155977957ea82c3b77615a4" ON "read_audit" ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_5404ff18f1c38317ef4194c11d" ON "read_audit" ("read_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_38387a08acf65d509f3617374b" ON "read_audit" ("customer_id", "read_at") ',
    );
  }
}
