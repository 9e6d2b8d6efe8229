import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { signToken } from '../auth/jwt';
import { isRole, ROLES } from '../auth/roles';
import { demoUserIdFor } from './demo-users';

/** npm run --silent token -- --role <role> [--user <id>]: prints one JWT and nothing else. */
async function main() {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' } },
  });
  if (!isRole(values.role)) {
    process.stderr.write(`usage: npm run --silent token -- --role <${ROLES.join('|')}> [--user <id>]\n`);
    process.exit(2);
  }
  const user = values.user ?? String(demoUserIdFor(values.role));
  process.stdout.write(`${await signToken(loadConfig(), user, [values.role], values.expires ?? '12h')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
