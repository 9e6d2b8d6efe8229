import { Field, InputType } from 'type-graphql';
import { creditReaders, FIELDS } from '../fields';
import {
  BooleanFilter,
  DateTimeFilter,
  DecimalFilter,
  enumFilter,
  IdFilter,
  IntFilter,
  StringFilter,
} from './operators';

/** What kind of value a filterable field holds: it decides the operators (operators.ts). */
export type ValueKind = 'string' | 'int' | 'decimal' | 'datetime' | 'boolean' | 'id' | 'enum';

export interface WhereField {
  /** The entity property holding the value; its column comes from the entity's metadata. */
  property: string;
  kind: ValueKind;
  /** enum: the registered enum and its GraphQL name. */
  enum?: { type: object; name: string };
  /** id: the type of the global ids it takes (an owner is a User). */
  idType?: string;
  /** The API field whose read rule (auth/fields.ts) decides who may filter by it; the filter's own name when left out. */
  reads?: string;
  /**
   * string: an index for `contains` and `startsWith`, as a condition on the row's id that holds
   * for every row whose value contains the text (a superset: the LIKE still decides).
   */
  substringIndex?: (
    idColumn: string,
    text: string,
    dialect: 'mysql' | 'sqlite',
  ) => {
    sql: string;
    params: Record<string, unknown>;
  };
}

export interface WhereRelation {
  /** The related record type: its own spec gives the conditions inside. */
  type: string;
  /** one: the record it belongs to (a trade's customer); many: the records that belong to it (a customer's complaints). */
  cardinality: 'one' | 'many';
  /** The property of the belonging record that points at the other (customerId). */
  foreignKey: string;
}

/** Per record type: the fields and relations `where` may name, as the API names them. */
export interface WhereSpec {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function;
  fields: Record<string, WhereField>;
  relations?: Record<string, WhereRelation>;
}

const specs = new Map<string, WhereSpec>();
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const inputs = new Map<string, { one: Function; many: Function }>();

export function whereSpecOf(type: string): WhereSpec {
  const spec = specs.get(type);
  if (!spec) throw new Error(`no where spec for ${type}`);
  return spec;
}

function operatorsOf(f: WhereField) {
  switch (f.kind) {
    case 'string':
      return StringFilter;
    case 'int':
      return IntFilter;
    case 'decimal':
      return DecimalFilter;
    case 'datetime':
      return DateTimeFilter;
    case 'boolean':
      return BooleanFilter;
    case 'id':
      return IdFilter;
    case 'enum':
      return enumFilter(f.enum!.type, f.enum!.name);
  }
}

const opt = (description: string) => ({ nullable: true, description });

/** Said in the schema of every field not everyone may read: who may name it in a condition. */
function restriction(type: string, field: string): string {
  const rules = FIELDS[type];
  if (rules?.credit?.includes(field))
    return ` Credit field: only for ${creditReaders().join(', ')}; FORBIDDEN for others.`;
  if (rules?.personal && field in rules.personal)
    return ' Personal data: only for roles that read it in full; FORBIDDEN for others.';
  return '';
}

/**
 * `<Type>Where` (typed conditions on its fields, its relations, and/or/not) and
 * `<Type>WhereMany` (some/none of a record's related rows), built from the spec so the
 * schema and the SQL (where-sql.ts) read the same table.
 */
export function defineWhere(spec: WhereSpec) {
  @InputType(`${spec.type}Where`, {
    description:
      `Conditions on ${spec.type} records, all of which must hold. Only fields your role may read can be named: ` +
      'a condition on any other is refused with FORBIDDEN, as a sort would be.',
  })
  class Where {}
  @InputType(`${spec.type}WhereMany`, {
    description: `Conditions on the ${spec.type} records that belong to a record.`,
  })
  class WhereMany {}
  const field = (target: object, name: string, type: () => unknown, description: string) =>
    Field(type as never, opt(description))(target, name);
  field(Where.prototype, 'and', () => [Where], 'All of these hold.');
  field(Where.prototype, 'or', () => [Where], 'At least one of these holds.');
  field(Where.prototype, 'not', () => Where, 'This does not hold (a NULL comparison counts as not holding).');
  for (const [name, f] of Object.entries(spec.fields)) {
    // Made now, not when the schema is built: type-graphql knows only the classes declared before.
    const operators = operatorsOf(f);
    field(Where.prototype, name, () => operators, `Conditions on ${name}.${restriction(spec.type, f.reads ?? name)}`);
  }
  for (const [name, r] of Object.entries(spec.relations ?? {})) {
    const related = () =>
      inputs.get(r.type)?.[r.cardinality] ??
      (() => {
        throw new Error(`no where input for ${r.type}`);
      })();
    field(
      Where.prototype,
      name,
      related,
      r.cardinality === 'one' ? `Conditions on its ${name}.` : `Conditions on its ${name}: some or none of them.`,
    );
  }
  field(WhereMany.prototype, 'some', () => Where, 'At least one of them matches.');
  field(WhereMany.prototype, 'none', () => Where, 'None of them matches (also true when there are none).');
  specs.set(spec.type, spec);
  inputs.set(spec.type, { one: Where, many: WhereMany });
  return Where as new () => Record<string, unknown>;
}
