import { Customer } from '../../src/customers/customer.entity';
import { snapshotJson } from '../../src/outbox/record-types';

/** snapshotJson writes its JSON by hand: it must equal JSON.stringify of the row without its nulls. */
describe('snapshotJson', () => {
  const withoutNulls = (row: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined)));

  it('writes every kind of stored value as JSON.stringify writes it, and leaves nulls out', () => {
    const row = Object.assign(new Customer(), {
      id: 7,
      name: '引号"反斜杠\\换行\n制表\t有限公司',
      shortName: null,
      email: undefined,
      creditLimit: '300000.00',
      employeeCount: 0,
      marketingConsent: false,
      createdAt: new Date('2026-03-05T01:02:03.456Z'),
      tags: ['甲', 'b"c'],
      extra: { nested: [1, null, '\u2028'] },
    });
    const json = snapshotJson(row);
    expect(json).toBe(withoutNulls(row));
    expect(JSON.parse(json)).toEqual(JSON.parse(withoutNulls(row)));
    expect(json).not.toContain('shortName');
  });

  it('writes an empty object for a row of nulls', () => {
    expect(snapshotJson({ a: null, b: undefined })).toBe('{}');
    expect(snapshotJson({})).toBe('{}');
  });
});
