import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { LEDGER_AMOUNT } from '../../src/trades/trade-stats';

/** Credit control and complaint service levels (see the MySQL migration of the same name); ADD COLUMN instead of table rebuilds. */
const OPENING = `ROUND("outstanding_balance" - (SELECT COALESCE(SUM(${LEDGER_AMOUNT}), 0) FROM "trade" t WHERE t.customer_id = "customer"."id"), 2)`;

export class CreditAndComplaints1796392000001 implements MigrationInterface {
  name = 'CreditAndComplaints1796392000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "credit_override" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "reason" varchar(500) NOT NULL, "requested_by_id" integer NOT NULL, "decided_by_id" integer, "decided_at" datetime(3), "decision_note" varchar(500), "amount" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "status" varchar(32) NOT NULL DEFAULT (\'REQUESTED\'), "expires_at" datetime(3), "used_by_trade_id" integer, "used_at" datetime(3), CONSTRAINT "FK_e7cdbef0ae5aec1e05e620dd5ab" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_dec1441b6e2ec4be5d62339218d" FOREIGN KEY ("requested_by_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_753ca0a1aa2c315bb392cb7383c" FOREIGN KEY ("decided_by_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_dec1441b6e2ec4be5d62339218" ON "credit_override" ("requested_by_id") ');
    await queryRunner.query('CREATE INDEX "IDX_57af95a0a5f71cd49dae3a0495" ON "credit_override" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_4cab9de7accf9fce74ef25af92" ON "credit_override" ("used_by_trade_id") ');
    await queryRunner.query('CREATE INDEX "IDX_4ec0e4c4819dda076d2e771e92" ON "credit_override" ("created_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_d4cbc20f73bd5a394c6b11a926" ON "credit_override" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "credit_limit_raise" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime(\'%Y-%m-%d %H:%M:%f\',\'now\')), "version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "reason" varchar(500) NOT NULL, "requested_by_id" integer NOT NULL, "decided_by_id" integer, "decided_at" datetime(3), "decision_note" varchar(500), "old_limit" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "new_limit" decimal(18,2) NOT NULL DEFAULT (\'0.00\'), "status" varchar(32) NOT NULL DEFAULT (\'REQUESTED\'), CONSTRAINT "FK_02d61d85bb6cd57d0927865eebf" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f9540dfa4a1a77f894227d241cd" FOREIGN KEY ("requested_by_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_26faef5e349568ece8ebff7f73c" FOREIGN KEY ("decided_by_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f9540dfa4a1a77f894227d241c" ON "credit_limit_raise" ("requested_by_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_91f610cfd16bf800a2f44d5dff" ON "credit_limit_raise" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_0fe2dd5539f3b00d4740b5e58d" ON "credit_limit_raise" ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3fad746eaea56e052584b73ca3" ON "credit_limit_raise" ("customer_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "customer" ADD COLUMN "opening_balance" decimal(18,2) NOT NULL DEFAULT (\'0.00\')',
    );
    await queryRunner.query(`UPDATE "customer" SET "opening_balance" = ${OPENING}`);
    await queryRunner.query('ALTER TABLE "trade" ADD COLUMN "sample" boolean NOT NULL DEFAULT (0)');
    await queryRunner.query('ALTER TABLE "trade" ADD COLUMN "credit_override_id" integer');
    await queryRunner.query('ALTER TABLE "trade" ADD COLUMN "cancelled_at" datetime(3)');
    await queryRunner.query('ALTER TABLE "trade" ADD COLUMN "cancelled_by_id" integer');
    await queryRunner.query('ALTER TABLE "trade" ADD COLUMN "cancellation_reason" varchar(500)');
    await queryRunner.query('ALTER TABLE "complaint" ADD COLUMN "escalated_at" datetime(3)');
    await queryRunner.query('ALTER TABLE "complaint" ADD COLUMN "escalated_to_id" integer');
    await queryRunner.query('CREATE INDEX "IDX_225829aeaab6fb0d7d12fba4dd" ON "complaint" ("status", "due_at", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_225829aeaab6fb0d7d12fba4dd"');
    await queryRunner.query('ALTER TABLE "complaint" DROP COLUMN "escalated_to_id"');
    await queryRunner.query('ALTER TABLE "complaint" DROP COLUMN "escalated_at"');
    await queryRunner.query('ALTER TABLE "trade" DROP COLUMN "cancellation_reason"');
    await queryRunner.query('ALTER TABLE "trade" DROP COLUMN "cancelled_by_id"');
    await queryRunner.query('ALTER TABLE "trade" DROP COLUMN "cancelled_at"');
    await queryRunner.query('ALTER TABLE "trade" DROP COLUMN "credit_override_id"');
    await queryRunner.query('ALTER TABLE "trade" DROP COLUMN "sample"');
    await queryRunner.query('ALTER TABLE "customer" DROP COLUMN "opening_balance"');
    await queryRunner.query('DROP INDEX "IDX_f9540dfa4a1a77f894227d241c"');
    await queryRunner.query('DROP INDEX "IDX_91f610cfd16bf800a2f44d5dff"');
    await queryRunner.query('DROP INDEX "IDX_0fe2dd5539f3b00d4740b5e58d"');
    await queryRunner.query('DROP INDEX "IDX_3fad746eaea56e052584b73ca3"');
    await queryRunner.query('DROP TABLE "credit_limit_raise"');
    await queryRunner.query('DROP INDEX "IDX_dec1441b6e2ec4be5d62339218"');
    await queryRunner.query('DROP INDEX "IDX_57af95a0a5f71cd49dae3a0495"');
    await queryRunner.query('DROP INDEX "IDX_4cab9de7accf9fce74ef25af92"');
    await queryRunner.query('DROP INDEX "IDX_4ec0e4c4819dda076d2e771e92"');
    await queryRunner.query('DROP INDEX "IDX_d4cbc20f73bd5a394c6b11a926"');
    await queryRunner.query('DROP TABLE "credit_override"');
  }
}
