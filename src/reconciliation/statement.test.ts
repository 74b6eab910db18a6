import { ValidationError } from '../shared/errors';
import { parseStatement } from './statement';

const camt = (
  root: string,
  report: string,
  entries: string,
) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${root}">
  <${report === 'Stmt' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn'}>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-09-24T08:00:00</CreDtTm></GrpHdr>
    <${report}><Id>S1</Id>${entries}</${report}>
  </${report === 'Stmt' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn'}>
</Document>`;
const ntry = (amount: string, ind: string, date: string, refs: string) => `
      <Ntry><Amt Ccy="IRR">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt>
        <AcctSvcrRef>A-${amount}</AcctSvcrRef><BkTxCd/><NtryDtls><TxDtls>${refs}</TxDtls></NtryDtls></Ntry>`;

describe('reading bank statements', () => {
  it('camt.053: credits only, booking date as a Jalali day, every reference the entry carries', () => {
    const xml = camt(
      'camt.053.001.02',
      'Stmt',
      [
        ntry(
          '1500000',
          'CRDT',
          '2024-09-23',
          '<Refs><EndToEndId>STL-14030702-00001</EndToEndId></Refs><RmtInf><Ustrd>300000000000123</Ustrd></RmtInf>',
        ),
        ntry(
          '2000.00',
          'CRDT',
          '2024-09-24',
          '<RmtInf><Strd><CdtrRefInf><Ref>STL-14030702</Ref></CdtrRefInf></Strd></RmtInf>',
        ),
        ntry('99', 'DBIT', '2024-09-24', ''),
      ].join(''),
    );
    expect(parseStatement('camt.053', xml).entries).toEqual([
      {
        entryId: 'A-1500000',
        day: '1403/07/02',
        amount: '1500000',
        references: ['STL-14030702-00001', '300000000000123'],
      },
      { entryId: 'A-2000.00', day: '1403/07/03', amount: '2000', references: ['STL-14030702'] },
    ]);
  });

  it('camt.053.001.08: only booked IRR credits are matched; pending, information-only and foreign-currency credits are reported', () => {
    const entry = (ref: string, amount: string, ccy: string, sts: string) => `
      <Ntry>
        <NtryRef>${ref}</NtryRef>
        <Amt Ccy="${ccy}">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>${sts}</Cd></Sts>
        <BookgDt><Dt>2024-09-23</Dt></BookgDt>
        <ValDt><Dt>2024-09-23</Dt></ValDt>
        <AcctSvcrRef>BMJ-${ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>STL-14030702-00001</EndToEndId></Refs>
          <RmtInf><Ustrd>300000000000123</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>CBI-20240924-0001</MsgId><CreDtTm>2024-09-24T06:00:00+03:30</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-1403-07-02</Id>
      <ElctrncSeqNb>187</ElctrncSeqNb>
      <CreDtTm>2024-09-24T06:00:00+03:30</CreDtTm>
      <Acct><Id><IBAN>IR820540102680020817909002</IBAN></Id><Ccy>IRR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="IRR">0</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-09-23</Dt></Dt></Bal>
      ${entry('E1', '1500000', 'IRR', 'BOOK')}
      ${entry('E2', '2500000', 'IRR', 'PDNG')}
      ${entry('E3', '700000', 'IRR', 'INFO')}
      ${entry('E4', '120.50', 'USD', 'BOOK')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
    const references = ['E1', 'STL-14030702-00001', '300000000000123'];
    const { entries, setAside } = parseStatement('camt.053', xml);
    expect(entries).toEqual([
      { entryId: 'BMJ-E1', day: '1403/07/02', amount: '1500000', references },
    ]);
    const refsOf = (ref: string) => [ref, ...references.slice(1)];
    expect(setAside).toEqual([
      {
        entryId: 'BMJ-E2',
        reason: 'not-booked',
        status: 'PDNG',
        currency: 'IRR',
        amount: '2500000',
        references: refsOf('E2'),
      },
      {
        entryId: 'BMJ-E3',
        reason: 'not-booked',
        status: 'INFO',
        currency: 'IRR',
        amount: '700000',
        references: refsOf('E3'),
      },
      {
        entryId: 'BMJ-E4',
        reason: 'currency',
        status: 'BOOK',
        currency: 'USD',
        amount: '120.50',
        references: refsOf('E4'),
      },
    ]);
  });

  it('camt.054 notifications are read the same way', () => {
    const xml = camt(
      'camt.054.001.02',
      'Ntfctn',
      ntry('700', 'CRDT', '2024-09-23', '<RmtInf><Ustrd>D7</Ustrd></RmtInf>'),
    );
    expect(parseStatement('camt.054', xml)).toEqual({
      entries: [{ entryId: 'A-700', day: '1403/07/02', amount: '700', references: ['D7'] }],
      setAside: [],
    });
  });

  it('refuses camt of the other kind, XML that is not well formed and amounts with a fraction of a rial', () => {
    expect(() => parseStatement('camt.054', camt('camt.053.001.02', 'Stmt', ''))).toThrow(
      /BkToCstmrDbtCdtNtfctn/,
    );
    expect(() => parseStatement('camt.053', '<Document><BkToCstmrStmt>')).toThrow(ValidationError);
    expect(() =>
      parseStatement(
        'camt.053',
        camt('camt.053.001.02', 'Stmt', ntry('10.50', 'CRDT', '2024-09-23', '')),
      ),
    ).toThrow(/whole rial/);
  });

  it('CSV: Jalali or ISO dates, Persian digits, debits skipped', () => {
    const csv =
      '\ufeffdate,amount,reference,bank_reference,description\n۱۴۰۳/۰۷/۰۲,۱۵۰۰۰۰۰,D1,B1,\n2024-09-24,-5,,B2,\n';
    expect(parseStatement('csv', csv)).toEqual({
      entries: [{ entryId: 'B1', day: '1403/07/02', amount: '1500000', references: ['D1'] }],
      setAside: [],
    });
    expect(() => parseStatement('csv', 'date,amount,reference\nsoon,1,x')).toThrow(/not a date/);
  });
});
