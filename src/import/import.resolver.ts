import { Arg, Ctx, Info, Mutation, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../auth/context';
import { ImportFileInput, ImportResult } from './import.types';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResult, {
    description:
      "Imports a CSV or XLSX file from the server's import folder as the caller, row by row under the rules of its create and update mutations; all or nothing unless partial. For managers; anyone with write rights uses npm run import.",
  })
  importFile(@Arg('input') input: ImportFileInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.services.imports.importFromFolder(ctx.viewer, input, info.schema, ctx.requestId);
  }
}
