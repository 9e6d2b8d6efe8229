import { toMoney } from './decimal.scalar';

/**
 * Exact comparisons and differences of money strings ("1234.50"), in whole cents as BigInt:
 * JavaScript numbers would add 0.1 and 0.2 to 0.30000000000000004.
 */
export const cents = (money: string): bigint => BigInt(toMoney(money).replace('.', ''));

export function fromCents(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
