import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { AppError } from '../common/errors';
import type { Context } from '../auth/context';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Trusted documents: a manifest `{ "<sha256 of the document>": "<document>" }` (what
 * graphql-codegen's client preset writes as persisted-documents.json). Every key must be the
 * hash of its document; a wrong one stops the start naming it.
 */
export function loadTrustedDocuments(file: string): Map<string, string> {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`TRUSTED_DOCUMENTS: ${file} is not an object of sha256 → document`);
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || sha256(document) !== hash)
      throw new Error(`TRUSTED_DOCUMENTS: in ${file}, ${hash} is not the sha256 of its document`);
    documents.set(hash, document);
  }
  return documents;
}

/** The manifest as Apollo's persisted-query cache: read-only, so a client cannot add to it. */
class TrustedDocumentCache implements KeyValueCache<string> {
  constructor(private readonly documents: Map<string, string>) {}
  // Apollo asks with its own prefix ("apq:<hash>").
  async get(key: string) {
    return this.documents.get(key.slice(key.indexOf(':') + 1));
  }
  async set() {}
  async delete() {
    return false;
  }
}

/** Only documents of the manifest run; their full text is accepted as well as their hash. */
function trustedOnly(documents: Map<string, string>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!documents.has(queryHash)) {
            throw new AppError(
              'OPERATION_NOT_TRUSTED',
              'This server runs only its trusted documents: send the sha256 of one in extensions.persistedQuery.',
            );
          }
        },
      };
    },
  };
}

/**
 * Automatic persisted queries (a client sends a document's sha256, and the document once
 * when the server does not know it) with a cache of at most `cacheBytes`, least recently
 * used first out; or, with a trusted-documents manifest, only the operations it lists.
 */
export function persistedQueries(options: { cacheBytes: number; trustedDocuments?: string }): {
  persistedQueries: ApolloServerOptions<Context>['persistedQueries'];
  plugins: ApolloServerPlugin<Context>[];
} {
  if (options.trustedDocuments) {
    const documents = loadTrustedDocuments(options.trustedDocuments);
    return {
      persistedQueries: { cache: new TrustedDocumentCache(documents), ttl: null },
      plugins: [trustedOnly(documents)],
    };
  }
  return {
    persistedQueries: {
      cache: new InMemoryLRUCache<string>({ maxSize: options.cacheBytes, sizeCalculation: (doc) => doc.length + 64 }),
      ttl: null,
    },
    plugins: [],
  };
}
