import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Init1795462581543 implements MigrationInterface {
  name = 'Init1795462581543';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `user` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `name` varchar(64) NOT NULL, `department` varchar(64) NOT NULL, `role` varchar(32) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `left_at` datetime(3) NULL, INDEX `IDX_cd43d6c3b1e44f67c197a1b800` (`department`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `customer` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `archive_no` varchar(32) NOT NULL, `name` varchar(128) NOT NULL, `short_name` varchar(64) NULL, `credit_code` varchar(18) NULL, `kind` varchar(32) NOT NULL, `nature` varchar(32) NULL, `industry` varchar(64) NULL, `region` varchar(32) NULL, `province` varchar(32) NULL, `city` varchar(32) NULL, `district` varchar(32) NULL, `address` varchar(255) NULL, `postcode` varchar(6) NULL, `phone` varchar(32) NULL, `fax` varchar(32) NULL, `email` varchar(128) NULL, `website` varchar(255) NULL, `legal_representative` varchar(64) NULL, `registered_capital` decimal(18,2) NULL, `founded_on` date NULL, `main_shareholders` varchar(255) NULL, `business_scope` varchar(1000) NULL, `main_brands` varchar(255) NULL, `business_mode` varchar(32) NULL, `employee_count` int NULL, `scale` varchar(32) NULL, `years_in_business` int NULL, `industry_position` varchar(32) NULL, `sales_last_year` decimal(18,2) NULL, `sales_two_years_ago` decimal(18,2) NULL, `sales_three_years_ago` decimal(18,2) NULL, `market_share` decimal(5,2) NULL, `sales_capability` varchar(255) NULL, `growth_potential` varchar(255) NULL, `business_philosophy` varchar(255) NULL, `business_direction` varchar(255) NULL, `source` varchar(32) NULL, `category` varchar(32) NOT NULL DEFAULT 'POTENTIAL_END', `status` varchar(32) NOT NULL DEFAULT 'PENDING_APPROVAL', `owner_id` int NULL, `approved_at` datetime(3) NULL, `approved_by_id` int NULL, `abc_class` varchar(32) NOT NULL DEFAULT 'C', `abc_override_reason` varchar(255) NULL, `star_rating` int NULL, `contact_policy` varchar(255) NULL, `purchase_cycle_days` int NULL, `credit_level` varchar(32) NULL, `credit_limit` decimal(18,2) NOT NULL DEFAULT '0.00', `credit_term_days` int NOT NULL DEFAULT '0', `payment_terms` varchar(32) NULL, `outstanding_balance` decimal(18,2) NOT NULL DEFAULT '0.00', `bank_name` varchar(128) NULL, `bank_account` varchar(64) NULL, `credit_assessment` varchar(1000) NULL, `last_credit_review_at` datetime(3) NULL, `trade_count` int NOT NULL DEFAULT '0', `trade_total` decimal(18,2) NOT NULL DEFAULT '0.00', `first_trade_at` datetime(3) NULL, `last_trade_at` datetime(3) NULL, UNIQUE INDEX `uq_customer_archive_no` (`archive_no`), UNIQUE INDEX `uq_customer_credit_code` (`credit_code`), INDEX `IDX_d7a62be3d13e4af4b9d070030b` (`industry`), INDEX `IDX_8963daf694152f93cd7b2b96ef` (`status`), INDEX `IDX_5fe6fc4b74a90db7f6b74c05db` (`owner_id`), INDEX `IDX_33134285d9eb5750ee64bac095` (`last_trade_at`, `id`), INDEX `IDX_f26e8511654496c3d889d7628e` (`trade_total`, `id`), INDEX `IDX_a788eb3c7cf992daf3fd3f5816` (`updated_at`, `id`), INDEX `IDX_79ef333ef2a05ffef4cd2e9ca6` (`created_at`, `id`), INDEX `IDX_914d87828ed2b3661eaf073edd` (`name`, `id`), INDEX `IDX_d74b29b3f0cd9cc1f52e49a4ab` (`region`, `id`), INDEX `IDX_e4cb64f756ec6019b7c33bb9a9` (`abc_class`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `access_grant` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `user_id` int NOT NULL, `archive_no` varchar(32) NOT NULL, `customer_id` int NULL, `reason` varchar(500) NOT NULL, `ends_at` datetime(3) NOT NULL, `status` varchar(32) NOT NULL DEFAULT 'REQUESTED', `decided_by_id` int NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(500) NULL, INDEX `IDX_0304e542c14ee36131a9086898` (`user_id`), INDEX `IDX_078b0e63cb39261dc33235b18e` (`customer_id`), INDEX `IDX_95d71e9e67ac564999b816f3f3` (`status`, `created_at`, `id`), INDEX `IDX_59050b84680ce07b5c2323a4ae` (`user_id`, `customer_id`, `status`, `ends_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `read_audit` (`id` int NOT NULL AUTO_INCREMENT, `read_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `subject` varchar(128) NOT NULL, `user_id` int NULL, `roles` varchar(200) NOT NULL, `customer_id` int NOT NULL, `archive_no` varchar(32) NOT NULL, `kind` varchar(32) NOT NULL, `fields` varchar(500) NOT NULL, `grant_id` int NULL, `request_id` varchar(64) NOT NULL, INDEX `IDX_41b155977957ea82c3b77615a4` (`user_id`), INDEX `IDX_5404ff18f1c38317ef4194c11d` (`read_at`, `id`), INDEX `IDX_38387a08acf65d509f3617374b` (`customer_id`, `read_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `trade` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `trade_no` varchar(32) NOT NULL, `customer_id` int NOT NULL, `kind` varchar(32) NOT NULL, `occurred_at` datetime(3) NOT NULL, `place` varchar(255) NULL, `amount` decimal(18,2) NOT NULL DEFAULT '0.00', `product` varchar(128) NULL, `quantity` int NULL, `payment_method` varchar(32) NOT NULL DEFAULT 'CASH', `payment_status` varchar(32) NOT NULL DEFAULT 'UNPAID', `due_at` datetime(3) NULL, `defaulted` tinyint NOT NULL DEFAULT 0, `handler_id` int NULL, `notes` varchar(1000) NULL, UNIQUE INDEX `uq_trade_trade_no` (`trade_no`), INDEX `IDX_0cad5d80d4ba2fade94f6a8ead` (`handler_id`), INDEX `IDX_1deb1505917e32d336a9b71c6b` (`created_at`, `id`), INDEX `IDX_77c516f28506fefe4c0a54c449` (`amount`, `id`), INDEX `IDX_e26431ede4c3c0a359e970fe2e` (`occurred_at`, `id`), INDEX `IDX_bdf926bab192f89236de809fa4` (`customer_id`, `occurred_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `contact` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `name` varchar(64) NOT NULL, `gender` varchar(32) NOT NULL DEFAULT 'UNDISCLOSED', `title` varchar(64) NULL, `role` varchar(32) NOT NULL DEFAULT 'OTHER', `phone` varchar(32) NULL, `mobile` varchar(20) NULL, `email` varchar(128) NULL, `wechat` varchar(64) NULL, `fax` varchar(32) NULL, `is_primary` tinyint NOT NULL DEFAULT 0, `birthday` date NULL, `hometown` varchar(64) NULL, `education` varchar(32) NULL, `hobbies` varchar(255) NULL, `family` varchar(500) NULL, `consent_purpose` varchar(255) NULL, `consent_at` datetime(3) NULL, INDEX `IDX_aacaa0a46d9f8b5f24a281f485` (`updated_at`, `id`), INDEX `IDX_79210dd609e2a40dd746fd0ff4` (`created_at`, `id`), INDEX `IDX_bbfd89860a38500d3ca75236a4` (`name`, `id`), INDEX `IDX_9036567ecd9e00cc3d0d768458` (`customer_id`, `updated_at`, `id`), INDEX `IDX_414c4ecb93fb9657d3e6de5a07` (`customer_id`, `created_at`, `id`), INDEX `IDX_ffbfe9681444cfd262c1e19379` (`customer_id`, `name`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `complaint` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `contact_id` int NULL, `received_at` datetime(3) NOT NULL, `channel` varchar(32) NOT NULL, `category` varchar(32) NOT NULL, `severity` varchar(32) NOT NULL DEFAULT 'MEDIUM', `content` varchar(2000) NOT NULL, `status` varchar(32) NOT NULL DEFAULT 'OPEN', `handler_id` int NULL, `resolution` varchar(1000) NULL, `measures` varchar(1000) NULL, `due_at` datetime(3) NULL, `resolved_at` datetime(3) NULL, `satisfaction` int NULL, INDEX `IDX_8a89daa92693037b889ef41e3c` (`contact_id`), INDEX `IDX_b6b63da30d9aae7e6ca4368fa7` (`status`), INDEX `IDX_b1e4be83487b9f84851365ce71` (`handler_id`), INDEX `IDX_26609fde4672f17c7bc5501ed0` (`updated_at`, `id`), INDEX `IDX_198450e8b82ebe5e3c4710319b` (`created_at`, `id`), INDEX `IDX_21a750605c02f838e541c45356` (`received_at`, `id`), INDEX `IDX_bcb75a0e62a8b93e908874ad9f` (`customer_id`, `updated_at`, `id`), INDEX `IDX_32566870ba417dd3dc118a23a6` (`customer_id`, `created_at`, `id`), INDEX `IDX_ace91c2380cc1dc7f45c1a90b0` (`customer_id`, `received_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `visit` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', `customer_id` int NOT NULL, `contact_id` int NULL, `user_id` int NOT NULL, `kind` varchar(32) NOT NULL, `planned_at` datetime(3) NOT NULL, `occurred_at` datetime(3) NULL, `subject` varchar(128) NOT NULL, `summary` varchar(2000) NULL, `needs` varchar(1000) NULL, `outcome` varchar(1000) NULL, `next_follow_up_at` datetime(3) NULL, INDEX `IDX_6820ab66b3da20762acc596166` (`contact_id`), INDEX `IDX_c68bc667d4d1bc1f7ea6e984f6` (`occurred_at`), INDEX `IDX_fb8461dd98109a472e908b9a43` (`next_follow_up_at`), INDEX `IDX_f7d112bfc3d900e98ebb93236e` (`updated_at`, `id`), INDEX `IDX_454fdf35ca22dc7b9f28ba6359` (`created_at`, `id`), INDEX `IDX_210ce4a9556c53ea1e7f39b83c` (`planned_at`, `id`), INDEX `IDX_1dcc5cd3eccb29bd65914e54ca` (`user_id`, `planned_at`, `id`), INDEX `IDX_5e5538b3cbaef2873a6a3e6dc5` (`customer_id`, `updated_at`, `id`), INDEX `IDX_b74e8306b020e33d8f8ddd0ff6` (`customer_id`, `created_at`, `id`), INDEX `IDX_5bd9b408ce013b70516b3021eb` (`customer_id`, `planned_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'ALTER TABLE `customer` ADD CONSTRAINT `FK_5fe6fc4b74a90db7f6b74c05db5` FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `trade` ADD CONSTRAINT `FK_1ac04cbcaab7533a9b7db3b1af7` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `trade` ADD CONSTRAINT `FK_0cad5d80d4ba2fade94f6a8eadb` FOREIGN KEY (`handler_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `contact` ADD CONSTRAINT `FK_2838ec3d713f319d148e5987b1c` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `complaint` ADD CONSTRAINT `FK_fc082348156ff3fc4ae28e0209e` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `complaint` ADD CONSTRAINT `FK_8a89daa92693037b889ef41e3cf` FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `complaint` ADD CONSTRAINT `FK_b1e4be83487b9f84851365ce719` FOREIGN KEY (`handler_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `visit` ADD CONSTRAINT `FK_83c95655435e17ceaace069d3a6` FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `visit` ADD CONSTRAINT `FK_6820ab66b3da20762acc596166b` FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `visit` ADD CONSTRAINT `FK_359bbdf2205ac56732464652f99` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `visit` DROP FOREIGN KEY `FK_359bbdf2205ac56732464652f99`');
    await queryRunner.query('ALTER TABLE `visit` DROP FOREIGN KEY `FK_6820ab66b3da20762acc596166b`');
    await queryRunner.query('ALTER TABLE `visit` DROP FOREIGN KEY `FK_83c95655435e17ceaace069d3a6`');
    await queryRunner.query('ALTER TABLE `complaint` DROP FOREIGN KEY `FK_b1e4be83487b9f84851365ce719`');
    await queryRunner.query('ALTER TABLE `complaint` DROP FOREIGN KEY `FK_8a89daa92693037b889ef41e3cf`');
    await queryRunner.query('ALTER TABLE `complaint` DROP FOREIGN KEY `FK_fc082348156ff3fc4ae28e0209e`');
    await queryRunner.query('ALTER TABLE `contact` DROP FOREIGN KEY `FK_2838ec3d713f319d148e5987b1c`');
    await queryRunner.query('ALTER TABLE `trade` DROP FOREIGN KEY `FK_0cad5d80d4ba2fade94f6a8eadb`');
    await queryRunner.query('ALTER TABLE `trade` DROP FOREIGN KEY `FK_1ac04cbcaab7533a9b7db3b1af7`');
    await queryRunner.query('ALTER TABLE `customer` DROP FOREIGN KEY `FK_5fe6fc4b74a90db7f6b74c05db5`');
    await queryRunner.query('DROP INDEX `IDX_5bd9b408ce013b70516b3021eb` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_b74e8306b020e33d8f8ddd0ff6` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_5e5538b3cbaef2873a6a3e6dc5` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_1dcc5cd3eccb29bd65914e54ca` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_210ce4a9556c53ea1e7f39b83c` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_454fdf35ca22dc7b9f28ba6359` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_f7d112bfc3d900e98ebb93236e` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_fb8461dd98109a472e908b9a43` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_c68bc667d4d1bc1f7ea6e984f6` ON `visit`');
    await queryRunner.query('DROP INDEX `IDX_6820ab66b3da20762acc596166` ON `visit`');
    await queryRunner.query('DROP TABLE `visit`');
    await queryRunner.query('DROP INDEX `IDX_ace91c2380cc1dc7f45c1a90b0` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_32566870ba417dd3dc118a23a6` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_bcb75a0e62a8b93e908874ad9f` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_21a750605c02f838e541c45356` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_198450e8b82ebe5e3c4710319b` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_26609fde4672f17c7bc5501ed0` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_b1e4be83487b9f84851365ce71` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_b6b63da30d9aae7e6ca4368fa7` ON `complaint`');
    await queryRunner.query('DROP INDEX `IDX_8a89daa92693037b889ef41e3c` ON `complaint`');
    await queryRunner.query('DROP TABLE `complaint`');
    await queryRunner.query('DROP INDEX `IDX_ffbfe9681444cfd262c1e19379` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_414c4ecb93fb9657d3e6de5a07` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_9036567ecd9e00cc3d0d768458` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_bbfd89860a38500d3ca75236a4` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_79210dd609e2a40dd746fd0ff4` ON `contact`');
    await queryRunner.query('DROP INDEX `IDX_aacaa0a46d9f8b5f24a281f485` ON `contact`');
    await queryRunner.query('DROP TABLE `contact`');
    await queryRunner.query('DROP INDEX `IDX_bdf926bab192f89236de809fa4` ON `trade`');
    await queryRunner.query('DROP INDEX `IDX_e26431ede4c3c0a359e970fe2e` ON `trade`');
    await queryRunner.query('DROP INDEX `IDX_77c516f28506fefe4c0a54c449` ON `trade`');
    await queryRunner.query('DROP INDEX `IDX_1deb1505917e32d336a9b71c6b` ON `trade`');
    await queryRunner.query('DROP INDEX `IDX_0cad5d80d4ba2fade94f6a8ead` ON `trade`');
    await queryRunner.query('DROP INDEX `uq_trade_trade_no` ON `trade`');
    await queryRunner.query('DROP TABLE `trade`');
    await queryRunner.query('DROP INDEX `IDX_38387a08acf65d509f3617374b` ON `read_audit`');
    await queryRunner.query('DROP INDEX `IDX_5404ff18f1c38317ef4194c11d` ON `read_audit`');
    await queryRunner.query('DROP INDEX `IDX_41b155977957ea82c3b77615a4` ON `read_audit`');
    await queryRunner.query('DROP TABLE `read_audit`');
    await queryRunner.query('DROP INDEX `IDX_59050b84680ce07b5c2323a4ae` ON `access_grant`');
    await queryRunner.query('DROP INDEX `IDX_95d71e9e67ac564999b816f3f3` ON `access_grant`');
    await queryRunner.query('DROP INDEX `IDX_078b0e63cb39261dc33235b18e` ON `access_grant`');
    await queryRunner.query('DROP INDEX `IDX_0304e542c14ee36131a9086898` ON `access_grant`');
    await queryRunner.query('DROP TABLE `access_grant`');
    await queryRunner.query('DROP INDEX `IDX_e4cb64f756ec6019b7c33bb9a9` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_d74b29b3f0cd9cc1f52e49a4ab` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_914d87828ed2b3661eaf073edd` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_79ef333ef2a05ffef4cd2e9ca6` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_a788eb3c7cf992daf3fd3f5816` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_f26e8511654496c3d889d7628e` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_33134285d9eb5750ee64bac095` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_5fe6fc4b74a90db7f6b74c05db` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_8963daf694152f93cd7b2b96ef` ON `customer`');
    await queryRunner.query('DROP INDEX `IDX_d7a62be3d13e4af4b9d070030b` ON `customer`');
    await queryRunner.query('DROP INDEX `uq_customer_credit_code` ON `customer`');
    await queryRunner.query('DROP INDEX `uq_customer_archive_no` ON `customer`');
    await queryRunner.query('DROP TABLE `customer`');
    await queryRunner.query('DROP INDEX `IDX_cd43d6c3b1e44f67c197a1b800` ON `user`');
    await queryRunner.query('DROP TABLE `user`');
  }
}
