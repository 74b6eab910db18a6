import { formatJalali, instant } from './jalali';

describe('Jalali formatting in Asia/Tehran', () => {
  it('Nowruz 1403 at Tehran midnight', () => {
    expect(formatJalali(new Date('2024-03-19T20:30:00Z'))).toBe('1403/01/01 00:00');
  });
  it('the last minute of 1402 is still Esfand', () => {
    expect(formatJalali(new Date('2024-03-19T20:29:00Z'))).toBe('1402/12/29 23:59');
  });
  it('gives ISO beside the Jalali reading', () => {
    expect(instant(new Date('2026-11-29T10:30:00Z'))).toEqual({
      iso: '2026-11-29T10:30:00.000Z',
      jalali: '1405/09/08 14:00',
    });
  });
});
