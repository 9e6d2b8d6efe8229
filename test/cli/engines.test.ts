import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * `npm ci` warns (EBADENGINE) for every locked package whose `engines.node` does not admit
 * the running Node. Every Node our own `engines` admits must satisfy every locked package's:
 * then no supported Node prints a warning. Packages that wanted a newer Node are pinned to
 * versions that fit by `overrides` in package.json.
 */
describe('engines', () => {
  const root = path.resolve(__dirname, '../..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };

  it('admits only Node versions every locked package supports', () => {
    const misfits = Object.entries(lock.packages)
      .filter(([where, p]) => where !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(pkg.engines.node, (p.engines as { node: string }).node))
      .map(
        ([where, p]) =>
          `${where.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`,
      );
    expect(misfits).toEqual([]);
  });

  it('runs on the Node it admits', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });
});
