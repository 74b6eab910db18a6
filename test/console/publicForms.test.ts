import {
  checkComplaint,
  emptyDraft,
  fieldOfPath,
  qrPath,
  readComplaintCode,
  readCount,
  readMobile,
  readReceiptCode,
  receiptCheckUrl,
  type ComplaintDraft,
} from '../../console/src/screens/public/forms';

const draft = (d: Partial<ComplaintDraft>): ComplaintDraft => ({
  ...emptyDraft,
  officeId: 'OF-1',
  description: 'I was charged twice for one transfer',
  ...d,
});

describe('what a citizen types on the public pages', () => {
  it('reads a receipt code in Persian, Arabic-Indic or ASCII digits, with spaces or dashes, and nothing else', () => {
    expect(readReceiptCode('۱۲۳۴ ۵۶۷۸-٩٠١٢ 3456')).toBe('1234567890123456');
    expect(readReceiptCode('123456789012345')).toBeUndefined();
    expect(readReceiptCode('12345678901234567')).toBeUndefined();
    expect(readReceiptCode('12345678901234a6')).toBeUndefined();
  });

  it('reads a complaint code of 12 digits not starting with 0', () => {
    expect(readComplaintCode('۴۱۲۳۴۵-۶۷۸۹۰۱')).toBe('412345678901');
    expect(readComplaintCode('012345678901')).toBeUndefined();
    expect(readComplaintCode('41234567890')).toBeUndefined();
  });

  it('reads an Iranian mobile in its stored spelling, from any prefix and digits', () => {
    expect(readMobile('۰۹۱۲ ۱۲۳ ۴۵۶۷')).toBe('09121234567');
    expect(readMobile('+989121234567')).toBe('09121234567');
    expect(readMobile('9121234567')).toBe('09121234567');
    expect(readMobile('08121234567')).toBeUndefined();
    expect(readMobile('0912123456')).toBeUndefined();
  });

  it('reads a count within its bounds only', () => {
    expect(readCount('۳', 1, 1000)).toBe(3);
    expect(readCount('0', 1, 1000)).toBeUndefined();
    expect(readCount('1001', 1, 1000)).toBeUndefined();
    expect(readCount('2.5', 1, 1000)).toBeUndefined();
    expect(readCount('', 1, 1000)).toBeUndefined();
  });

  it('links a receipt to its check page below /console/public', () => {
    expect(receiptCheckUrl('http://127.0.0.1:3000', '1234567890123456')).toBe(
      'http://127.0.0.1:3000/console/public/receipt?code=1234567890123456',
    );
  });
});

describe('the complaint form checked before it is sent', () => {
  it('builds the API body: identifiers and codes in ASCII digits, the mobile canonical, free text as typed, empty parts left out', () => {
    const checked = checkComplaint(
      draft({
        kind: 'complaint',
        topic: 'overcharge',
        officeId: 'OF-۱',
        serviceCode: ' vehicle-transfer ',
        receiptCode: '۱۲۳۴ ۵۶۷۸',
        description: '  مبلغ ۲۰۰٬۰۰۰ ریال گرفتند  ',
        mobile: '۰۹۱۲۱۲۳۴۵۶۷',
      }),
    );
    expect(checked).toEqual({
      ok: true,
      body: {
        kind: 'complaint',
        topic: 'overcharge',
        subject: { kind: 'office', officeId: 'OF-1', serviceCode: 'vehicle-transfer' },
        receiptCode: '12345678',
        description: 'مبلغ ۲۰۰٬۰۰۰ ریال گرفتند',
        contact: { mobile: '09121234567' },
      },
    });
  });

  it('sends only the subject its kind names', () => {
    const service = checkComplaint(
      draft({ subjectKind: 'service', officeId: 'OF-1', serviceCode: 'plate-change' }),
    );
    expect(service.ok && service.body.subject).toEqual({
      kind: 'service',
      serviceCode: 'plate-change',
    });
    const agency = checkComplaint(draft({ subjectKind: 'agency', agencyId: 'traffic' }));
    expect(agency.ok && agency.body.subject).toEqual({ kind: 'agency', agencyId: 'traffic' });
    expect(agency.ok && 'contact' in agency.body).toBe(false);
  });

  it('marks every wrong field with its Persian message at once, and sends nothing', () => {
    const checked = checkComplaint(
      draft({
        officeId: '',
        receiptCode: '12ab',
        description: 'کوتاه',
        mobile: '12345',
        email: 'not-an-email',
        name: 'ن'.repeat(101),
      }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        officeId: 'complaint.error.required',
        receiptCode: 'complaint.error.receiptCode',
        description: 'complaint.error.descriptionShort',
        mobile: 'complaint.error.mobile',
        email: 'complaint.error.email',
        name: 'complaint.error.nameLong',
      },
    });
  });

  it('requires the identifier of the subject chosen, and refuses one the API would not take', () => {
    expect(checkComplaint(draft({ subjectKind: 'service', serviceCode: '' }))).toEqual({
      ok: false,
      errors: { serviceCode: 'complaint.error.required' },
    });
    expect(checkComplaint(draft({ officeId: 'دفتر یک' }))).toEqual({
      ok: false,
      errors: { officeId: 'complaint.error.identifier' },
    });
    expect(checkComplaint(draft({ description: 'x'.repeat(4001) }))).toEqual({
      ok: false,
      errors: { description: 'complaint.error.descriptionLong' },
    });
  });

  it("finds the field of a problem's error path, whatever its separator", () => {
    expect(fieldOfPath('contact.mobile')).toBe('mobile');
    expect(fieldOfPath('/subject/officeId')).toBe('officeId');
    expect(fieldOfPath('description')).toBe('description');
    expect(fieldOfPath('kind')).toBeUndefined();
  });
});

describe('the QR code drawn as one SVG path', () => {
  it('draws a unit square for each dark module at its column and row, and nothing for light ones', () => {
    const dark = new Set(['0,0', '1,2']);
    expect(qrPath(3, (row, col) => dark.has(`${row},${col}`))).toBe('M0 0h1v1h-1zM2 1h1v1h-1z');
    expect(qrPath(2, () => false)).toBe('');
  });
});
