import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { refreshAllDues } from '../../src/cadence/refresh-all';
import { DEFAULT_RULES } from '../../src/config/rules';

/** The commercial rules of issue 15 (see the MySQL migration of the same name); ADD COLUMN instead of table rebuilds. */
const CUSTOMER_COLUMNS = [
  '"abc_overridden_at" datetime(3)',
  '"abc_overridden_by_id" integer',
  '"founded_key" integer',
  '"first_trade_key" integer',
  '"last_call_at" datetime(3)',
  '"last_visit_at" datetime(3)',
  '"next_call_due_at" datetime(3)',
  '"next_visit_due_at" datetime(3)',
  '"follow_up_due_at" datetime(3)',
  '"last_order_at" datetime(3)',
  '"next_purchase_due_at" datetime(3)',
  '"last_surveyed_at" datetime(3)',
  '"survey_due_at" datetime(3)',
];
const CONTACT_COLUMNS = ['"marketing_consent" boolean NOT NULL DEFAULT (0)', '"birthday_key" integer'];
const INDEXES: [string, string, string][] = [
  ['IDX_d27e7577ddd5e428ce58ca366c', 'survey', '"contact_id"'],
  ['IDX_a37da0d039df5145bd187a32e0', 'survey', '"user_id"'],
  ['IDX_e5f875b35d775dfed19d163578', 'survey', '"latest", "surveyed_at", "id"'],
  ['IDX_8306b50d241d0fece8f22b14ec', 'survey', '"customer_id", "surveyed_at", "id"'],
  ['IDX_a5dc9229fa112525945eb602dd', 'customer', '"first_trade_key", "id"'],
  ['IDX_02a966df4ad42ad7f4515e2610', 'customer', '"founded_key", "id"'],
  ['IDX_a416ed51c9c608624089e951a4', 'customer', '"survey_due_at", "id"'],
  ['IDX_edcf644a916a9cc2360a910c0c', 'customer', '"owner_id", "next_purchase_due_at", "id"'],
  ['IDX_02e396550d0c10b16022143ef2', 'customer', '"owner_id", "follow_up_due_at", "id"'],
  ['IDX_aa0470a612e43647f4da1b3e4f', 'contact', '"birthday_key", "id"'],
];
const columnName = (definition: string) => definition.split(' ')[0];

export class CommercialRules1796397482602 implements MigrationInterface {
  name = 'CommercialRules1796397482602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SURVEY);
    for (const column of CUSTOMER_COLUMNS) await queryRunner.query(`ALTER TABLE "customer" ADD COLUMN ${column}`);
    for (const column of CONTACT_COLUMNS) await queryRunner.query(`ALTER TABLE "contact" ADD COLUMN ${column}`);
    for (const [name, table, columns] of INDEXES)
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${columns}) `);
    await queryRunner.query(
      `UPDATE "contact" SET "birthday_key" = CAST(strftime('%m%d', "birthday") AS INTEGER) WHERE "birthday" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "customer" SET "founded_key" = CAST(strftime('%m%d', "founded_on") AS INTEGER) WHERE "founded_on" IS NOT NULL`,
    );
    await refreshAllDues(queryRunner.manager, DEFAULT_RULES);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "${name}"`);
    for (const column of [...CONTACT_COLUMNS].reverse())
      await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN ${columnName(column)}`);
    for (const column of [...CUSTOMER_COLUMNS].reverse())
      await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN ${columnName(column)}`);
    await queryRunner.query('DROP TABLE "survey"');
  }
}

const SURVEY =
  'CREATE TABLE "survey" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ' +
  `"created_at" datetime(3) NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "updated_at" datetime(3) NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), ` +
  '"version" integer NOT NULL DEFAULT (1), "customer_id" integer NOT NULL, "contact_id" integer, "user_id" integer, "surveyed_at" datetime(3) NOT NULL, ' +
  '"scores_json" varchar(500) NOT NULL, "lowest_score" integer NOT NULL, "comments" varchar(2000), "latest" boolean NOT NULL DEFAULT (0), ' +
  '"corrective_action" varchar(1000), "corrective_action_at" datetime(3), "corrective_action_by_id" integer, ' +
  'CONSTRAINT "FK_41587ef44c83bb5daf798b94be8" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, ' +
  'CONSTRAINT "FK_d27e7577ddd5e428ce58ca366cd" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, ' +
  'CONSTRAINT "FK_a37da0d039df5145bd187a32e09" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)';
