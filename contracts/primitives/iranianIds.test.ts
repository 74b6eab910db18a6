import {
  isPhoneNumberValid,
  isShebaValid,
  verifyIranianLegalId,
  verifyIranianNationalId,
} from '@persian-tools/persian-tools';
import {
  legalId,
  libraryNationalIdChecksum,
  mobile,
  nationalId,
  postalCode,
  sheba,
} from './iranianIds';

describe('national id (کد ملی)', () => {
  const valid = ['0499370899', '0067749828', '0684159414', '0010532129'];
  const invalid = [
    '0499370898',
    '0067749829',
    '1111111111',
    '0000000000',
    '123456789',
    '04993708991',
    '049937089a',
  ];

  it.each(valid)('accepts %s, as the library does', (id) => {
    expect(nationalId(id)).toBe(id);
    expect(libraryNationalIdChecksum(id)).toBe(true);
  });
  it.each(invalid)('rejects %s', (id) => expect(nationalId(id)).toBeUndefined());
  it('normalises Persian and Arabic-Indic digits', () => {
    expect(nationalId('۰۴۹۹۳۷۰۸۹۹')).toBe('0499370899');
    expect(nationalId('٠٤٩٩٣٧٠٨٩٩')).toBe('0499370899');
  });
  it('agrees with the library checksum on every check digit of a sample', () => {
    for (let d = 0; d <= 9; d++) {
      const id = `049937089${d}`;
      expect(nationalId(id) !== undefined).toBe(libraryNationalIdChecksum(id));
    }
  });
  it('is stricter than the library, which pads and accepts 11 characters', () => {
    expect(verifyIranianNationalId('00499370899')).toBe(true);
    expect(nationalId('00499370899')).toBeUndefined();
  });
});

describe('legal id (شناسه ملی)', () => {
  it('accepts a valid id in any digits', () => {
    expect(legalId('10380284790')).toBe('10380284790');
    expect(legalId('۱۴۰۰۷۶۵۰۹۱۲')).toBe('14007650912');
  });
  it.each(['10380284791', '1038028479', '103802847901', '10380284790x', '00000000000'])(
    'rejects %s',
    (id) => expect(legalId(id)).toBeUndefined(),
  );
  it('is stricter than the library, which accepts a 12th character', () => {
    expect(verifyIranianLegalId('10380284790x')).toBe(true);
    expect(verifyIranianLegalId('103802847901')).toBe(true);
  });
});

describe('Sheba (شبا)', () => {
  it.each([
    'IR820540102680020817909002',
    'IR062960000000100324200001',
    'ir82 0540 1026 8002 0817 9090 02',
  ])('accepts %s', (iban) => {
    expect(sheba(iban)).toMatch(/^IR\d{24}$/);
    expect(isShebaValid(sheba(iban)!)).toBe(true);
  });
  it.each([
    'IR820540102680020817909003',
    'IR82054010268002081790900',
    '820540102680020817909002',
    'DE820540102680020817909002',
  ])('rejects %s (wrong checksum or shape)', (iban) => expect(sheba(iban)).toBeUndefined());
  it('is stricter than the library, which accepts the digits without IR', () => {
    expect(isShebaValid('820540102680020817909002')).toBe(true);
  });
});

describe('mobile (شماره همراه)', () => {
  it.each([
    '09123456789',
    '+989123456789',
    '00989123456789',
    '9123456789',
    '۰۹۱۲۳۴۵۶۷۸۹',
    '0912 345 6789',
  ])('reads %s as 09123456789', (m) => expect(mobile(m)).toBe('09123456789'));
  it.each(['0912345678', '091234567890', '08123456789', '02112345678'])('rejects %s', (m) =>
    expect(mobile(m)).toBeUndefined(),
  );
  it('accepts a prefix the library list misses', () => {
    expect(isPhoneNumberValid('09343456789')).toBe(false);
    expect(mobile('09343456789')).toBe('09343456789');
  });
});

describe('postal code (کد پستی)', () => {
  it('accepts the shape', () => expect(postalCode('۱۳۱۸۷-۷۴۷۵۱')).toBe('1318774751'));
  it.each(['1318774', '0318774751', '1328774751', '131877475a'])('rejects %s', (p) =>
    expect(postalCode(p)).toBeUndefined(),
  );
});
