import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emittedSdl } from '../../src/server/emit-schema.cli';

const root = path.resolve(__dirname, '../..');

describe('schema artifacts', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema` and commit)', async () => {
    const committed = fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await emittedSdl());
  });

  it('test/generated/graphql.ts is current with the schema and documents (run `npm run codegen`)', async () => {
    // The codegen CLI runs in its own process: its plugins are ES modules Jest cannot load.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'));
    const config = fs
      .readFileSync(path.join(root, 'codegen.yml'), 'utf8')
      .replace('test/generated/graphql.ts:', `${out}/graphql.ts:`);
    fs.writeFileSync(path.join(out, 'codegen.yml'), config);
    execFileSync(
      path.join(root, 'node_modules/.bin/graphql-codegen'),
      ['--config', path.join(out, 'codegen.yml'), '--silent'],
      { cwd: root },
    );
    const fresh = fs.readFileSync(path.join(out, 'graphql.ts'), 'utf8');
    fs.rmSync(out, { recursive: true, force: true });
    expect(fs.readFileSync(path.join(root, 'test/generated/graphql.ts'), 'utf8')).toBe(fresh);
  });

  it('names every field the design promises clients', async () => {
    const sdl = await emittedSdl();
    const typeBody = (name: string) =>
      new RegExp(`type ${name} implements Node \\{([\\s\\S]*?)\\n\\}`).exec(sdl)?.[1] ?? '';
    const promised: Record<string, string> = {
      Customer:
        'id archiveNo name shortName creditCode kind nature industry region province city address postcode phone fax email website source category status owner abcClass starRating creditLevel creditLimit creditTermDays paymentTerms outstandingBalance bankName bankAccount creditAssessment tradeCount tradeTotal firstTradeAt lastTradeAt contacts trades complaints visits createdAt updatedAt version',
      Contact: 'id customer name gender title role phone mobile email wechat birthday hobbies family isPrimary',
      Trade:
        'id tradeNo customer kind occurredAt place amount paymentMethod paymentStatus dueAt defaulted handler notes',
      Complaint:
        'id customer contact receivedAt channel category severity content status handler resolution measures dueAt resolvedAt satisfaction',
      Visit: 'id customer contact user kind plannedAt occurredAt subject summary needs outcome nextFollowUpAt',
      User: 'id name department role active',
    };
    for (const [type, fields] of Object.entries(promised)) {
      const body = typeBody(type);
      for (const field of fields.split(' '))
        expect(`${type}.${field}: ${new RegExp(`\\n\\s+${field}[(:]`).test(body)}`).toBe(`${type}.${field}: true`);
    }
    for (const root of [
      'customers',
      'contacts',
      'trades',
      'complaints',
      'visits',
      'customer',
      'contact',
      'trade',
      'complaint',
      'visit',
      'node',
      'me',
    ]) {
      expect(sdl).toMatch(new RegExp(`\\n  ${root}\\(|\\n  ${root}: `));
    }
  });
});
