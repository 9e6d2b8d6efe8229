import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GqlOptions, GqlResponse, TestServer } from './server';

/** Sends a codegen'd document: the result's `data` is typed from test/graphql/*.graphql. */
export function send<TData, TVars>(
  server: TestServer,
  doc: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  opts: GqlOptions,
): Promise<GqlResponse<TData>> {
  return server.gql<TData>(print(doc), variables as Record<string, unknown>, opts);
}
