import { IsDefined, Matches, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { cents } from './decimal.scalar';

/** Formats used across inputs; each message says what a valid value looks like. */
export const IsPhone = () =>
  Matches(/^(\+86[- ]?)?(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/, {
    message: '$property must be a phone number with area code (010-12345678), a mobile (13812345678) or a 400 number',
  });
export const IsMobile = () =>
  Matches(/^(\+86[- ]?)?1[3-9]\d{9}$/, { message: '$property must be an 11-digit mainland mobile number, e.g. 13812345678' });
export const IsPostcode = () => Matches(/^\d{6}$/, { message: '$property must be 6 digits' });
export const IsCreditCode = () =>
  Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
    message: '$property must be an 18-character unified social credit code (统一社会信用代码)',
  });
/** YYYY-MM-DD naming a day that exists: 2023-02-29 or 1985-04-31 would fail in MySQL (and be kept as is by SQLite). */
export const IsLocalDate = () =>
  ValidateBy({
    name: 'isLocalDate',
    validator: {
      validate: (value: unknown) => {
        const m = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(value) : null;
        if (!m) return false;
        const day = new Date(0);
        day.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
        return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
      },
      defaultMessage: () => '$property must be a date YYYY-MM-DD',
    },
  });

/**
 * Money is already normalized by the Decimal scalar ("1234.50"); this keeps it within
 * 0 and a business maximum (MONEY_LIMITS in decimal.scalar.ts).
 */
export const IsMoneyUpTo = (max: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMoneyUpTo',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !value.startsWith('-') && cents(value) <= cents(max),
        defaultMessage: () => `$property must be between 0.00 and ${max}`,
      },
    },
    options,
  );

/**
 * For columns that cannot be null: may be left out of an update, but not sent as null.
 * IsDefined because type-graphql skips every other validator for null values.
 */
export const Given = (): PropertyDecorator => (target, key) => {
  ValidateIf((_input: object, value: unknown) => value !== undefined)(target, key as string);
  IsDefined({ message: '$property may be left out, but not null' })(target, key as string);
};

/** A LIKE pattern for "contains `text`", with '!' escaping the wildcards (use ESCAPE '!'). */
export const likeContaining = (text: string) => `%${text.replace(/[!%_]/g, '!$&')}%`;
