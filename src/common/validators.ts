import { badInput } from './errors';
import {
  IsDefined,
  isEmail,
  isURL,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
  type ValidatorOptions,
} from 'class-validator';
import { cents } from './decimal.scalar';

/** Formats used across inputs; each message says what a valid value looks like. */
export const IsPhone = () =>
  Matches(/^(\+86[- ]?)?(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/, {
    message: '$property must be a phone number with area code (010-12345678), a mobile (13812345678) or a 400 number',
  });
export const IsMobile = () =>
  Matches(/^(\+86[- ]?)?1[3-9]\d{9}$/, {
    message: '$property must be an 11-digit mainland mobile number, e.g. 13812345678',
  });
export const IsPostcode = () => Matches(/^\d{6}$/, { message: '$property must be 6 digits' });
export const IsCreditCode = () =>
  Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
    message: '$property must be an 18-character unified social credit code (统一社会信用代码)',
  });
/** YYYY-MM-DD naming a day that exists: 2023-02-29 or 1985-04-31 would fail in MySQL (and be kept as is by SQLite). */
function isLocalDate(value: unknown): value is string {
  const m = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(value) : null;
  if (!m || m[1] < '1000') return false; // MySQL's DATE starts at 1000-01-01
  const day = new Date(0);
  day.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

const DAY_MS = 86_400_000;
let latest = { day: '', from: 0, until: 0 };

/**
 * Today where it is already latest (UTC+14), so no one's today is refused as the future.
 * Written out once per day rather than per value: an import checks a million founding dates.
 */
function latestToday(): string {
  const now = Date.now() + 14 * 3_600_000;
  if (now < latest.from || now >= latest.until) {
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    latest = { day: new Date(from).toISOString().slice(0, 10), from, until: from + DAY_MS };
  }
  return latest.day;
}

/** A day, optionally no earlier than `earliest` and not after today (birthdays, founding dates). */
export const IsLocalDate = (range: { earliest?: string; past?: boolean } = {}) =>
  ValidateBy({
    name: 'isLocalDate',
    validator: {
      validate: (value: unknown) =>
        isLocalDate(value) && (!range.earliest || value >= range.earliest) && (!range.past || value <= latestToday()),
      defaultMessage: () =>
        `$property must be a date YYYY-MM-DD${range.earliest ? ` from ${range.earliest}` : ''}${range.past ? ' and not in the future' : ''}`,
    },
  });

/** Control characters but tab and line breaks: a NUL ends a C string, and SQLite's LIKE read '%\0…%' as '%'. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** A lone surrogate has no UTF-8 form: MySQL refuses it, SQLite would store U+FFFD instead. */
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(value: unknown, multiline: boolean): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it has a lone surrogate)';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (!multiline && LINE_BREAK.test(value)) return 'must be one line';
  if (value.trim() === '') return 'must not be empty or only spaces (leave it out, or send null to clear it)';
  return null;
}

/** A text rule: `problem` says what is wrong (null when nothing), and at most `max` characters. */
const textRule =
  (name: string, max: number, problem: (value: unknown) => string | null, each = false): PropertyDecorator =>
  (target, key) => {
    ValidateBy(
      {
        name,
        validator: {
          validate: (value: unknown) => problem(value) === null,
          defaultMessage: (args) => `$property ${problem(args?.value) ?? 'is not valid'}`,
        },
      },
      { each },
    )(target, key as string);
    MaxLength(max, { each })(target, key as string);
  };

/**
 * Every text field of every input has one of these: well-formed, no control characters,
 * not blank, at most `max` characters. IsLine also refuses line breaks (names, keys, ids).
 */
export const IsLine = (max: number) => textRule('isLine', max, (v) => textProblem(v, false));
export const IsText = (max: number) => textRule('isText', max, (v) => textProblem(v, true));
/** IsLine for each item of a list (a filter's `in`). */
export const IsLines = (max: number) => textRule('isLine', max, (v) => textProblem(v, false), true);

/** A line in a format; checked as text first: validator.js's isEmail throws on a lone surrogate, its isURL lets one through. */
const formatted = (isValid: (text: string) => boolean, looksLike: string) => (value: unknown) =>
  textProblem(value, false) ?? (isValid(value as string) ? null : `must be ${looksLike}`);
export const IsEmailAddress = (max: number) =>
  textRule(
    'isEmailAddress',
    max,
    formatted((t) => isEmail(t), 'an email address'),
  );
export const IsWebsite = (max: number) =>
  textRule(
    'isWebsite',
    max,
    formatted((t) => isURL(t), 'a web address (URL)'),
  );

/** A global id: opaque, but one line of at most 64 characters. */
export const IsId = () => IsLine(64);
/** A list of global ids. */
export const IsIds = () => IsLines(64);
/**
 * Longest list cursor: base64url of [sort value, global id], where the longest sort value is
 * a name of 128 characters, up to 4 bytes each in UTF-8 (about 730 characters in all).
 */
export const MAX_CURSOR_LENGTH = 1024;
/** A cursor: opaque, but one line of at most MAX_CURSOR_LENGTH characters. */
export const IsCursor = () => IsLine(MAX_CURSOR_LENGTH);

const EARLIEST_TIME = Date.UTC(1970, 0, 1);
const latestTime = () => Date.now() + 10 * 366 * 86_400_000;

/** A time of a business record: from 1970 to ten years ahead, which refuses typos like 1900 or 2999. */
export const IsBusinessTime = () =>
  ValidateBy({
    name: 'isBusinessTime',
    validator: {
      validate: (value: unknown) =>
        value instanceof Date && value.getTime() >= EARLIEST_TIME && value.getTime() <= latestTime(),
      defaultMessage: () => '$property must be a time from 1970 to ten years from now',
    },
  });

/** Not before the input's `other` time, when both are given (a due date before its trade). */
export const NotBefore = (other: string) =>
  ValidateBy({
    name: 'notBefore',
    constraints: [other],
    validator: {
      validate: (value: unknown, args) => {
        const earlier = (args?.object as Record<string, unknown> | undefined)?.[other];
        return !(value instanceof Date && earlier instanceof Date) || value.getTime() >= earlier.getTime();
      },
      defaultMessage: () => `$property must not be before ${other}`,
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

/**
 * The why of a decision or a change (a reason, a note): trimmed, and at least 5 characters,
 * so that "ok" or blanks do not stand as a recorded reason. BAD_USER_INPUT naming `field`.
 */
export function trimmedReason(reason: string, field = 'reason'): string {
  const text = reason.trim();
  if ([...text].length < 5) throw badInput(field, 'must say why, in at least 5 characters');
  return text;
}

/**
 * How every input is validated (the API's arguments, an import's rows): type-graphql's own
 * defaults for arguments (missing optional fields are not checked), plus lean errors.
 */
export const VALIDATION: ValidatorOptions = {
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};
