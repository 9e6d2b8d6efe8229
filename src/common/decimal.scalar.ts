import { GraphQLScalarType, Kind } from 'graphql';
import { type ValueTransformer } from 'typeorm';

/** Money: CNY with exactly two decimals, carried as a string so no float rounding touches it. */
export const MONEY_SCALE = 2;

/**
 * The largest amount any money value may have, stored or derived: 13 digits before the
 * point and 2 after. SQLite keeps decimals as doubles, exact to 15 significant digits, so
 * up to here every value, and every sum that stays under it, is exact to the cent on both
 * databases (MySQL's DECIMAL(18,2) holds more, but must not hold what SQLite would round).
 */
export const MONEY_MAX = '9999999999999.99';

/** Business maxima of money inputs (validators.ts IsMoneyUpTo): far above any real one. */
export const MONEY_LIMITS = {
  /** One trade: 100亿 CNY. With MONEY_MAX per customer, a customer's totals need 1,000 such trades to fill. */
  trade: '10000000000.00',
  /** A customer's credit limit, and so its outstanding balance under credit control. */
  creditLimit: '10000000000.00',
  /** Company figures (registered capital, yearly sales): the largest groups report a few 10^12 CNY. */
  companyFigure: MONEY_MAX,
} as const;

const INPUT_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;
/** Stored values: any width a column may hold, so a value written before a limit existed is still served. */
const STORED_PATTERN = /^-?\d+(\.\d+)?$/;
/** What MySQL's DECIMAL(18,2) columns give: served as they are. */
const SERVED_PATTERN = /^-?\d+\.\d\d$/;

function normalize(text: string): string {
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(MONEY_SCALE, '0')}`;
}

/** Normalizes "100000", 100000 or "100000.5" to "100000.00"; throws on anything else. */
export function toMoney(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !INPUT_PATTERN.test(text.trim())) {
    throw new TypeError('Decimal must be a number with at most 13 digits before the point and 2 after, e.g. "1234.50"');
  }
  return normalize(text.trim());
}

/** Cents of a normalized money string, for exact comparisons. */
export const cents = (money: string): bigint => BigInt(money.replace('.', ''));

/**
 * From the database: MySQL gives "100000.00", SQLite gives 100000 or 100000.5. Any number
 * a column holds is served, whatever its width; only a value that is no number at all
 * throws (an error at that field's path).
 */
export function moneyFromDb(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e21) return value.toFixed(MONEY_SCALE);
  if (typeof value === 'string' && SERVED_PATTERN.test(value)) return value;
  if (typeof value === 'string' && STORED_PATTERN.test(value)) {
    const [whole, frac = ''] = value.split('.');
    return frac.length <= MONEY_SCALE ? normalize(value) : Number(`${whole}.${frac}`).toFixed(MONEY_SCALE);
  }
  throw new TypeError('Stored money value is not a number');
}

/**
 * Money fields are nullable although a value is always stored: a value that cannot be
 * served fails at its own path instead of taking its row, and the whole list, with it.
 */
export const UNSERVABLE_MONEY = 'Null, with an error at its path, only if the stored value cannot be served.';

export const moneyTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : toMoney(value)),
  // Never throws: a row with a value that is no number still loads, and only that field fails.
  from: (value: unknown) => {
    try {
      return moneyFromDb(value);
    } catch {
      return value;
    }
  },
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
