import { validateSync } from 'class-validator';
import { IsLocalDate } from '../../src/common/validators';

class Founded {
  @IsLocalDate({ past: true }) foundedOn: string;
}

const refused = (foundedOn: string) => validateSync(Object.assign(new Founded(), { foundedOn })).length > 0;

/** A past day may be today anywhere on earth: the latest today (UTC+14), which moves with the clock. */
describe('IsLocalDate({ past: true })', () => {
  afterEach(() => jest.useRealTimers());

  it('takes the latest today and refuses tomorrow, as the clock moves either way', () => {
    jest.useFakeTimers({ now: new Date('2026-03-05T09:59:59.000Z') });
    expect(refused('2026-03-05')).toBe(false);
    expect(refused('2026-03-06')).toBe(true);
    // 10:00 UTC is midnight at UTC+14: the 6th is today there.
    jest.setSystemTime(new Date('2026-03-05T10:00:00.000Z'));
    expect(refused('2026-03-06')).toBe(false);
    expect(refused('2026-03-07')).toBe(true);
    jest.setSystemTime(new Date('2026-03-04T12:00:00.000Z'));
    expect(refused('2026-03-06')).toBe(true);
    expect(refused('2026-03-05')).toBe(false);
  });
});
