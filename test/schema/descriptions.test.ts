import fs from 'node:fs';
import path from 'node:path';
import { type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { createSchema } from '../../src/server/schema';

/** camelCase words: how a description or a message names a field, argument or operation. */
const NAMES = /\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g;

/** Every name a client could send or read: fields, arguments, input fields and root operations. */
function knownNames(schema: GraphQLSchema): Set<string> {
  const known = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        known.add(field.name);
        for (const arg of 'args' in field ? field.args : []) known.add(arg.name);
      }
    }
  }
  return known;
}

/** Every description in the schema, with where it stands. */
function descriptions(schema: GraphQLSchema): [string, string][] {
  const out: [string, string][] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (type.description) out.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.description) out.push([`${type.name}.${field.name}`, field.description]);
        for (const arg of 'args' in field ? field.args : [])
          if (arg.description) out.push([`${type.name}.${field.name}(${arg.name})`, arg.description]);
      }
    }
    if (isEnumType(type))
      for (const value of type.getValues())
        if (value.description) out.push([`${type.name}.${value.name}`, value.description]);
  }
  return out;
}

/**
 * Descriptions and error messages promise only what exists (issue 14): a description or a
 * typed error's message that names an operation or field the schema lacks fails here, so a
 * promise of a feature not yet built cannot ship.
 */
describe('schema descriptions and error messages', () => {
  it('name only operations, fields and arguments that exist', async () => {
    const schema = await createSchema();
    const known = knownNames(schema);
    const unknown = descriptions(schema).flatMap(([at, text]) =>
      (text.match(NAMES) ?? []).filter((n) => !known.has(n)).map((n) => `${at}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it('in src/common/errors.ts name only operations, fields and arguments that exist', async () => {
    const schema = await createSchema();
    const known = knownNames(schema);
    const source = fs.readFileSync(path.join(__dirname, '../../src/common/errors.ts'), 'utf8');
    // String literals with a space (messages, not keys), template expressions left out.
    const messages = [
      ...source
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/\$\{[^}]*\}/g, '')
        .matchAll(/(['`])((?:(?!\1).)*\s(?:(?!\1).)*)\1/g),
    ].map((m) => m[2]);
    const unknown = messages.flatMap((text) =>
      (text.match(NAMES) ?? []).filter((n) => !known.has(n)).map((n) => `"${text.slice(0, 60)}…": ${n}`),
    );
    expect(unknown).toEqual([]);
  });
});
