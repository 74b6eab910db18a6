import { Exact, formatRial, parseRial } from './money';

describe('rial amounts', () => {
  it.each([
    ['125000', '125000'],
    ['۱۲۵۰۰۰', '125000'],
    ['١٢٥٠٠٠', '125000'],
    ['000120', '120'],
    ['0', '0'],
    ['125000.00', '125000'],
  ])('reads %s as %s rials', (input, expected) => {
    expect(formatRial(parseRial(input))).toBe(expected);
  });

  it.each([
    ['-5', 'must not be negative'],
    ['10.5', 'no fraction'],
    ['1e6', 'decimal string'],
    ['12,000', 'decimal string'],
    ['', 'decimal string'],
    ['1234567890123456789', 'at most 18'],
  ])('rejects %s', (input, message) => {
    expect(() => parseRial(input, 'fee')).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ path: 'fee', message: expect.stringContaining(message) }),
        ],
      }),
    );
  });

  it('rejects a number, so no float ever enters', () => {
    expect(() => parseRial(125000)).toThrow('Invalid rial amount');
  });

  it('keeps exact digits past the default 20-digit precision', () => {
    const big = parseRial('999999999999999999').times(new Exact('1.09'));
    expect(big.toFixed()).toBe('1089999999999999998.91');
  });

  it('refuses to format a fraction or a negative', () => {
    expect(() => formatRial(new Exact('1.5'))).toThrow(RangeError);
    expect(() => formatRial(new Exact('-1'))).toThrow(RangeError);
  });
});
