import {
  coerceInputValue,
  GraphQLInputObjectType,
  type GraphQLSchema,
  isInputObjectType,
  isNonNullType,
} from 'graphql';
import { validateSync, type ValidationError } from 'class-validator';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches, type WriteRight } from '../auth/guard';
import type { RecordType, WriteAction } from '../auth/policy';
import { AppError } from '../common/errors';
import { VALIDATION } from '../common/validators';
import { memoizeValidationMetadata, passesValidation, shapeClass } from '../common/library-internals';

/** Why a row is refused, at one of its fields (an API field or an import key such as archiveNo). */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Narrowed input types per input type at most (InputRules.shapeType): beyond that, the whole type. */
const SHAPES_PER_TYPE = 256;

interface Known {
  type: GraphQLInputObjectType;
  /** Fields that are non-null without a default. */
  required: string[];
  /** The type narrowed to a row's fields, by the sorted field names. */
  shapes: Map<string, GraphQLInputObjectType>;
}

/**
 * A row's values as the mutation's input, under exactly the mutation's rules: GraphQL's own
 * coercion of the input type (required fields, enums, Int, the Decimal and DateTime
 * scalars), then class-validator on an instance of the input class with the options
 * type-graphql validates arguments with. `values` are in the form a client sends.
 */
export class InputRules {
  private readonly types = new Map<string, Known>();
  constructor(private readonly schema: GraphQLSchema) {
    memoizeValidationMetadata();
  }

  /** The input type, and its fields that are non-null without a default (worked out once, not per row). */
  private type(name: string): Known {
    let known = this.types.get(name);
    if (!known) {
      const type = this.schema.getType(name);
      if (!isInputObjectType(type)) throw new Error(`${name} is not an input type of the schema`);
      const required = Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => field.name);
      this.types.set(name, (known = { type, required, shapes: new Map() }));
    }
    return known;
  }

  /**
   * The input type narrowed to a row's fields, those with a default and the required ones:
   * coerceInputValue walks every field of the type it is given, and a row fills a few of
   * fifty. Coercion answers as with the whole type (the fields left out are absent and
   * optional), except for the suggestions named with an unknown field: a row with one is
   * coerced with the whole type. Same name, so messages naming the type do not change.
   */
  private shapeType(name: string, values: Record<string, unknown>): GraphQLInputObjectType {
    const { type, shapes } = this.type(name);
    const fields = type.getFields();
    const given = Object.keys(values);
    if (!given.every((k) => k in fields)) return type;
    const key = given.sort().join(',');
    let shape = shapes.get(key);
    if (!shape) {
      if (shapes.size >= SHAPES_PER_TYPE) return type;
      const kept = new Set(given);
      const all = type.toConfig();
      const narrowed = Object.entries(all.fields).filter(
        ([field, config]) => kept.has(field) || config.defaultValue !== undefined || isNonNullType(config.type),
      );
      shapes.set(key, (shape = new GraphQLInputObjectType({ ...all, fields: Object.fromEntries(narrowed) })));
    }
    return shape;
  }

  input<T extends object>(
    typeName: string,
    cls: new () => T,
    values: Record<string, unknown>,
  ): { input: T | null; problems: FieldProblem[] } {
    const { required } = this.type(typeName);
    const problems: FieldProblem[] = [];
    for (const name of required) if (values[name] == null) problems.push({ field: name, reason: 'required' });
    if (problems.length) return { input: null, problems };
    const coerced = coerceInputValue(values, this.shapeType(typeName, values), (path, _value, error) => {
      problems.push({ field: String(path[0] ?? ''), reason: error.originalError?.message ?? error.message });
    }) as Record<string, unknown>;
    if (problems.length) return { input: null, problems };
    const present = Object.keys(coerced).filter((k) => coerced[k] !== null && coerced[k] !== undefined);
    const input = Object.assign(new (shapeClass(cls, present, VALIDATION))(), coerced);
    // Nearly every row passes: validateSync, which builds its answer for every rule, only for the others.
    if (!passesValidation(input, VALIDATION))
      for (const error of validateSync(input, VALIDATION)) problems.push(...flatten(error));
    return { input: problems.length ? null : input, problems };
  }
}

function flatten(error: ValidationError): FieldProblem[] {
  const own = Object.values(error.constraints ?? {}).map((reason) => ({ field: error.property, reason }));
  return [...own, ...(error.children ?? []).flatMap(flatten)];
}

/**
 * The write right of a row, as assertMayWrite gives it to the mutation; when refused, the
 * refusal at each field the role may not write (one check per field, only on refusal).
 */
export function rowRight(
  viewer: Viewer,
  type: RecordType,
  action: WriteAction,
  input: object,
  kinds: readonly string[] = [],
): { right: WriteRight | null; problems: FieldProblem[] } {
  const touched = touches(type, input, kinds);
  try {
    return { right: assertMayWrite(viewer, type, action, touched), problems: [] };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'FORBIDDEN') throw err;
    const problems: FieldProblem[] = [];
    for (const touch of touched) {
      try {
        assertMayWrite(viewer, type, action, [touch]);
      } catch (refusal) {
        problems.push({ field: touch.field, reason: (refusal as Error).message });
      }
    }
    return { right: null, problems: problems.length ? problems : [{ field: '', reason: err.message }] };
  }
}

/** An AppError (NOT_FOUND, CONFLICT, BAD_USER_INPUT …) as a row's problem at `field`, or at the field it names. */
export function problemOf(err: unknown, field: string): FieldProblem {
  if (!(err instanceof AppError)) throw err;
  const named = (err.extensions.fields as { field: string }[] | undefined)?.[0]?.field;
  return { field: named ?? field, reason: err.message };
}
