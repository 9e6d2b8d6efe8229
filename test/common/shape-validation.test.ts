import { getMetadataStorage as validationRules, validateSync, type ValidationError } from 'class-validator';
import { getMetadataStorage } from 'type-graphql';
import { createSchema } from '../../src/server/schema';
import { passesValidation, shapeClass } from '../../src/common/library-internals';
import { VALIDATION } from '../../src/common/validators';

/** Values of every kind a client or a file could put in a field, valid and not. */
const VALUES: unknown[] = [
  'ok text',
  '',
  '   ',
  'a\u0000b',
  'a\ud800b',
  'x'.repeat(600),
  '华东',
  '2024-03-05',
  '2024-13-45',
  '2024-03-05T10:00:00.000Z',
  '1000.50',
  '-1',
  '99999999999999.99',
  0,
  -5,
  42,
  1.5,
  1e12,
  true,
  new Date('2024-03-05T00:00:00Z'),
  new Date('1800-01-01T00:00:00Z'),
  ['a', 'b'],
  [],
  {},
  null,
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const described = (errors: ValidationError[]): string[] =>
  errors.flatMap((e) => [
    `${e.property}: ${JSON.stringify(e.constraints ?? {})}`,
    ...described(e.children ?? []).map((d) => `${e.property}.${d}`),
  ]);

function outcome(cls: new () => object, values: Record<string, unknown>): string[] | string {
  try {
    return described(validateSync(Object.assign(new cls(), values), VALIDATION));
  } catch (err) {
    return `threw ${(err as Error).message}`;
  }
}

/** Every input and argument class of the schema, with its GraphQL fields. */
async function inputClasses(): Promise<{ cls: new () => object; fields: string[] }[]> {
  await createSchema(); // loads every resolver, and so every input and argument class
  const storage = getMetadataStorage();
  const classes = [...new Set([...storage.inputTypes, ...storage.argumentTypes].map((c) => c.target))];
  return classes.map((target) => ({
    cls: target as new () => object,
    fields: storage.fields
      .filter((f) => f.target === target || target.prototype instanceof f.target)
      .map((f) => f.name),
  }));
}

describe('validating with the rules of the fields a row fills (shapeClass)', () => {
  it('answers as the whole class for every input and argument type, valid values or not', async () => {
    const classes = await inputClasses();
    const next = random(19);
    let compared = 0;
    let narrowed = 0;
    for (const { cls, fields } of classes) {
      const all = validationRules().getTargetValidationMetadatas(cls, '', false, false);
      for (let i = 0; i < 40; i++) {
        const values: Record<string, unknown> = {};
        for (const field of fields) if (next() < 0.3) values[field] = VALUES[Math.floor(next() * VALUES.length)];
        const present = Object.keys(values).filter((k) => values[k] !== null && values[k] !== undefined);
        const shape = shapeClass(cls, present, VALIDATION);
        expect(shape.name).toBe(cls.name);
        expect(outcome(shape, values)).toEqual(outcome(cls, values));
        compared++;
        if (validationRules().getTargetValidationMetadatas(shape, '', false, false).length < all.length) narrowed++;
      }
    }
    expect(classes.length).toBeGreaterThan(50);
    // The narrowing happened: most shapes carry fewer rules than their class.
    expect(narrowed).toBeGreaterThan(compared / 2);
  });

  it('keeps IsDefined rules of fields left out, and keeps whole classes without skipMissingProperties', async () => {
    const { UpdateCustomerInput } = await import('../../src/customers/customer.inputs');
    const shape = shapeClass(UpdateCustomerInput, ['id', 'version'], VALIDATION);
    const input = Object.assign(new shape(), { id: 'Q3VzdG9tZXI6MQ', version: 1, name: null });
    expect(described(validateSync(input, VALIDATION))).toEqual([
      expect.stringContaining('name: {"isDefined":"name may be left out, but not null"}'),
    ]);
    expect(shapeClass(UpdateCustomerInput, ['id'], { skipMissingProperties: false })).toBe(UpdateCustomerInput);
  });
});

describe('knowing that an input passes without building the answer (passesValidation)', () => {
  const passes = (instance: object) => validateSync(instance, VALIDATION).length === 0;
  /** A rule's validate may throw on a value of the wrong kind; validateSync then throws too. */
  const answer = (work: () => boolean): boolean | 'threw' => {
    try {
      return work();
    } catch {
      return 'threw';
    }
  };

  it('says an input passes exactly when validateSync finds nothing, for every input type', async () => {
    const classes = await inputClasses();
    const next = random(23);
    let clean = 0;
    let compared = 0;
    let unknown = 0;
    for (const { cls, fields } of classes) {
      // The values each field passes with on its own, so that whole inputs often pass too.
      const fine = new Map(
        fields.map((field) => [
          field,
          VALUES.filter(
            (value) =>
              answer(() =>
                validateSync(Object.assign(new cls(), { [field]: value }), VALIDATION).every(
                  (e) => e.property !== field,
                ),
              ) === true,
          ),
        ]),
      );
      for (let i = 0; i < 60; i++) {
        const values: Record<string, unknown> = {};
        for (const field of fields) {
          if (next() >= 0.4) continue;
          const pool = i % 2 === 0 && fine.get(field)!.length ? fine.get(field)! : VALUES;
          values[field] = pool[Math.floor(next() * pool.length)];
        }
        const present = Object.keys(values).filter((k) => values[k] !== null && values[k] !== undefined);
        for (const target of [cls, shapeClass(cls, present, VALIDATION)]) {
          const instance = Object.assign(new target(), values);
          const expected = answer(() => passes(instance));
          const fast = answer(() => passesValidation(instance, VALIDATION));
          // "Passes" only where validateSync finds nothing; "not known to pass" leaves the answer to validateSync.
          if (fast !== false)
            expect({ cls: cls.name, values, passes: fast }).toEqual({ cls: cls.name, values, passes: expected });
          compared++;
          if (expected === true) clean++;
          if (expected === true && fast === false) unknown++;
        }
      }
    }
    // Both answers were given often: the comparison covered passing inputs as well as failing ones.
    expect(clean).toBeGreaterThan(compared / 5);
    expect(compared - clean).toBeGreaterThan(compared / 5);
    // And it was known to pass for nearly all of those that pass (nested inputs are left to validateSync).
    expect(unknown).toBeLessThan(clean / 10);
  });

  it('leaves options it does not follow to validateSync', async () => {
    const { CreateCustomerInput } = await import('../../src/customers/customer.inputs');
    const input = Object.assign(new CreateCustomerInput(), { name: '华信物流' });
    expect(passes(input)).toBe(true);
    expect(passesValidation(input, VALIDATION)).toBe(true);
    expect(passesValidation(input, { ...VALIDATION, whitelist: true })).toBe(false);
    expect(passesValidation(input, { ...VALIDATION, groups: ['x'] })).toBe(false);
    expect(passesValidation(input, { skipMissingProperties: true })).toBe(false); // forbidUnknownValues by default
  });
});
