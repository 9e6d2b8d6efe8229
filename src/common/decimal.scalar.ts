import { GraphQLScalarType, Kind } from 'graphql';
import { ValueTransformer } from 'typeorm';

/** Money: CNY with exactly two decimals, carried as a string so no float rounding touches it. */
export const MONEY_SCALE = 2;
// 13 integer digits: SQLite keeps decimals as doubles, exact to 15 significant digits.
const MONEY_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;

/** Normalizes "100000", 100000 or "100000.5" to "100000.00"; throws on anything else. */
export function toMoney(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !MONEY_PATTERN.test(text.trim())) {
    throw new TypeError('Decimal must be a number with at most 13 digits before the point and 2 after, e.g. "1234.50"');
  }
  const [whole, frac = ''] = text.trim().split('.');
  return `${whole}.${frac.padEnd(MONEY_SCALE, '0')}`;
}

/** From the database: MySQL gives "100000.00", SQLite gives 100000 or 100000.5. */
export function moneyFromDb(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value.toFixed(MONEY_SCALE);
  return toMoney(value);
}

export const moneyTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : toMoney(value)),
  from: moneyFromDb,
};

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'Money in CNY as a string with exactly two decimals, e.g. "100000.00". Inputs accept numbers too.',
  serialize: (value) => moneyFromDb(value),
  parseValue: (value) => toMoney(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return toMoney(ast.value);
    throw new TypeError('Decimal must be a string or number literal');
  },
});
