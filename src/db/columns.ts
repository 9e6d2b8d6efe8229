import { Column, type ColumnOptions } from 'typeorm';
import { moneyTransformer } from '../common/decimal.scalar';

/**
 * Column helpers that read the same on MySQL and SQLite.
 * Timestamps are DATETIME(3) in UTC (the MySQL connection runs with timezone 'Z').
 */
export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'decimal', precision: 18, scale: 2, default: '0.00', transformer: moneyTransformer, ...options });

export const OptionalMoneyColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: moneyTransformer, ...options });

export const TimeColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });

export const TextColumn = (length: number, options: ColumnOptions = {}) =>
  Column({ type: 'varchar', length, ...options });

/** Enums are stored as their string value, so adding a value needs no table rebuild. */
export const EnumColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 32, ...options });

export const DateColumn = (options: ColumnOptions = {}) => Column({ type: 'date', nullable: true, ...options });
