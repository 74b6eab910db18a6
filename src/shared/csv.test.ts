import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseDisposition } from 'content-disposition';
import { attachmentHeader, plainCell, safeText, spreadsheetCsv, textCell } from './csv';

describe('CSV files people open in Excel', () => {
  it('writes identifier columns as ="…" so every digit and leading zero survives, and a program reads them back', () => {
    const csv = spreadsheetCsv(
      [{ deposit_id: '300000000000123', rrn: '000000000042', amount_rials: '1500000' }],
      ['deposit_id', 'rrn', 'amount_rials'],
      new Set(['deposit_id', 'rrn']),
    );
    expect(csv).toBe(
      '\ufeffdeposit_id,rrn,amount_rials\r\n"=""300000000000123""","=""000000000042""",1500000\r\n',
    );
    const [row] = parseCsv<Record<string, string>>(csv, { columns: true, bom: true });
    expect(Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, plainCell(v)]))).toEqual({
      deposit_id: '300000000000123',
      rrn: '000000000042',
      amount_rials: '1500000',
    });
  });

  it('an empty identifier stays empty; a quote inside one is doubled and read back', () => {
    expect(textCell('')).toBe('');
    expect(plainCell(textCell('a"b'))).toBe('a"b');
    expect(plainCell('plain')).toBe('plain');
  });

  it.each(['=HYPERLINK("http://x","click")', '+98912', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'text that would start a formula (%j) is prefixed with an apostrophe',
    (text) => {
      expect(safeText(text)).toBe(`'${text}`);
    },
  );

  it('numbers, negative amounts included, and ordinary text are left alone', () => {
    for (const v of ['-500000', '1500000', '12.5', 'traffic', 'دفتر ۱', 'OF-A'])
      expect(safeText(v)).toBe(v);
    const csv = spreadsheetCsv([{ k: '=1+1', n: '-5' }], ['k', 'n']);
    expect(csv.split('\r\n')[1]).toBe("'=1+1,-5");
  });

  it('names a download for report, party and Jalali period: an ASCII filename and the exact UTF-8 one', () => {
    const plain = attachmentHeader(['settlement', 'traffic', '1405/09/01', '1405/09/30'], 'csv');
    expect(parseDisposition(plain)).toEqual({
      type: 'attachment',
      parameters: { filename: 'settlement_traffic_1405-09-01_1405-09-30.csv' },
    });
    const persian = attachmentHeader(['complaint-statistics', 'دفتر مرکزی', '1405/09/08'], 'csv');
    expect(persian).toMatch(/filename="?complaint-statistics_[\x20-\x7e]*1405-09-08\.csv/);
    expect(parseDisposition(persian).parameters.filename).toBe(
      'complaint-statistics_دفتر_مرکزی_1405-09-08.csv',
    );
    expect(attachmentHeader(['x', 'a";b\\c'], 'csv')).not.toMatch(/\\|;b/);
  });
});
