import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ChangeFeed1795465251996 implements MigrationInterface {
  name = 'ChangeFeed1795465251996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `change_event` (`seq` bigint NOT NULL, `record_type` varchar(32) NOT NULL, `record_id` int NOT NULL, `customer_id` int NOT NULL, `operation` varchar(32) NOT NULL, `changed_fields` text NOT NULL, `actor_subject` varchar(200) NOT NULL, `actor_user_id` int NULL, `occurred_at` datetime(3) NOT NULL, `payload` text NOT NULL, INDEX `ix_change_event_occurred_at` (`occurred_at`), PRIMARY KEY (`seq`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `change_sequence` (`id` int NOT NULL, `last` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    // Hand-written: the one row whose lock orders commits (src/changes/record-change.ts).
    await queryRunner.query('INSERT INTO `change_sequence` (`id`, `last`) VALUES (1, 0)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `change_sequence`');
    await queryRunner.query('DROP INDEX `ix_change_event_occurred_at` ON `change_event`');
    await queryRunner.query('DROP TABLE `change_event`');
  }
}
