import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { useIdSecret } from '../common/global-id';
import { secretInDataDir } from '../config/secret-file';
import { UserService } from '../users/user.service';
import { createVerifier, type Viewer } from '../auth/jwt';

/**
 * The caller of a command-line tool (import, export): its --token checked exactly as the
 * API checks a bearer token (signature, expiry, an active employee), so a CLI run acts as
 * that user with that user's rights and nothing more. Ids are sealed with the API's key.
 */
export async function cliViewer(config: Config, ds: DataSource, token: string): Promise<Viewer> {
  useIdSecret(config.idSecret ?? secretInDataDir(config.dataDir, 'id-secret'));
  const users = new UserService(ds);
  const verify = createVerifier(config, { isActiveEmployee: (id) => users.isActiveEmployee(id), hasLeft: () => false });
  const result = await verify(token.replace(/^Bearer\s+/i, ''));
  if ('failure' in result)
    throw new Error(`the token was refused (${result.failure}): get one with npm run --silent token -- --role <role>`);
  return result.viewer;
}
