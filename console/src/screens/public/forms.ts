import { asciiDigits } from '../../format/digits';
import { complaintKinds, complaintTopics } from '../../../../contracts/vocabulary';
import type { TextKey } from '../../i18n/dictionary';

export { complaintKinds, complaintTopics };

/**
 * What a citizen types into the public pages, read as the API takes it. Every reader accepts
 * Persian, Arabic-Indic or ASCII digits, spaces and dashes inside codes, and answers the
 * ASCII value or undefined; the Persian messages are dictionary keys.
 */

const compact = (typed: string) => asciiDigits(typed).replace(/[\s\u200c-]/g, '');

/** A payment receipt's tracking code (کد رهگیری رسید): 16 digits. */
export function readReceiptCode(typed: string): string | undefined {
  const code = compact(typed);
  return /^\d{16}$/.test(code) ? code : undefined;
}

/** A complaint's tracking code (کد پیگیری شکایت): 12 digits, the first not 0. */
export function readComplaintCode(typed: string): string | undefined {
  const code = compact(typed);
  return /^[1-9]\d{11}$/.test(code) ? code : undefined;
}

/** An Iranian mobile number in its one stored spelling, 09xxxxxxxxx; undefined when not one. */
export function readMobile(typed: string): string | undefined {
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(compact(typed));
  return m ? `0${m[1]}` : undefined;
}

/** A whole number from `min` to `max`, in any digits; undefined when not one. */
export function readCount(typed: string, min: number, max: number): number | undefined {
  const text = asciiDigits(typed).trim();
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** The check page of a receipt, absolute, as its QR code carries it. */
export const receiptCheckUrl = (origin: string, code: string) =>
  `${origin}/console/public/receipt?code=${encodeURIComponent(code)}`;

export const subjectKinds = ['office', 'service', 'agency'] as const;

/** The complaint form as typed. */
export interface ComplaintDraft {
  kind: (typeof complaintKinds)[number];
  topic: (typeof complaintTopics)[number];
  subjectKind: (typeof subjectKinds)[number];
  officeId: string;
  serviceCode: string;
  agencyId: string;
  receiptCode: string;
  description: string;
  name: string;
  mobile: string;
  email: string;
}

export const emptyDraft: ComplaintDraft = {
  kind: 'complaint',
  topic: 'other',
  subjectKind: 'office',
  officeId: '',
  serviceCode: '',
  agencyId: '',
  receiptCode: '',
  description: '',
  name: '',
  mobile: '',
  email: '',
};

export type DraftField = Exclude<keyof ComplaintDraft, 'kind' | 'topic' | 'subjectKind'>;

/** The body of `POST /v1/public/complaints`, as the form builds it. */
export interface ComplaintBody {
  kind: ComplaintDraft['kind'];
  topic: ComplaintDraft['topic'];
  subject:
    | { kind: 'office'; officeId: string; serviceCode?: string }
    | { kind: 'service'; serviceCode: string }
    | { kind: 'agency'; agencyId: string };
  receiptCode?: string;
  description: string;
  contact?: { name?: string; mobile?: string; email?: string };
}

export type Checked =
  { ok: true; body: ComplaintBody } | { ok: false; errors: Partial<Record<DraftField, TextKey>> };

const identifier = /^[\w.-]{1,64}$/;

/**
 * The complaint form checked as the API checks it, with a Persian message per field, so a
 * citizen hears of a mistake before anything is sent; identifiers and codes in ASCII digits.
 */
export function checkComplaint(d: ComplaintDraft): Checked {
  const errors: Partial<Record<DraftField, TextKey>> = {};
  const officeId = asciiDigits(d.officeId).trim();
  const serviceCode = asciiDigits(d.serviceCode).trim();
  const agencyId = asciiDigits(d.agencyId).trim();
  const id = (field: DraftField, value: string, required: boolean) => {
    if (!value) {
      if (required) errors[field] = 'complaint.error.required';
    } else if (!identifier.test(value)) errors[field] = 'complaint.error.identifier';
  };
  id('officeId', officeId, d.subjectKind === 'office');
  id('serviceCode', serviceCode, d.subjectKind === 'service');
  id('agencyId', agencyId, d.subjectKind === 'agency');

  const receiptCode = compact(d.receiptCode);
  if (receiptCode && !/^\d{1,40}$/.test(receiptCode))
    errors.receiptCode = 'complaint.error.receiptCode';
  const description = d.description.trim();
  if (description.length < 10) errors.description = 'complaint.error.descriptionShort';
  else if (description.length > 4000) errors.description = 'complaint.error.descriptionLong';
  const name = d.name.trim();
  if (name.length > 100) errors.name = 'complaint.error.nameLong';
  const mobile = d.mobile.trim() ? readMobile(d.mobile) : undefined;
  if (d.mobile.trim() && !mobile) errors.mobile = 'complaint.error.mobile';
  const email = asciiDigits(d.email).trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'complaint.error.email';
  if (Object.keys(errors).length) return { ok: false, errors };

  const subject: ComplaintBody['subject'] =
    d.subjectKind === 'office'
      ? { kind: 'office', officeId, ...(serviceCode ? { serviceCode } : {}) }
      : d.subjectKind === 'service'
        ? { kind: 'service', serviceCode }
        : { kind: 'agency', agencyId };
  const contact = {
    ...(name ? { name } : {}),
    ...(mobile ? { mobile } : {}),
    ...(email ? { email } : {}),
  };
  return {
    ok: true,
    body: {
      kind: d.kind,
      topic: d.topic,
      subject,
      ...(receiptCode ? { receiptCode } : {}),
      description,
      ...(Object.keys(contact).length ? { contact } : {}),
    },
  };
}

/** Which form field a problem's `errors[].path` (as the API names it) belongs to. */
export function fieldOfPath(path: string): DraftField | undefined {
  const last = path.split(/[./]/).filter(Boolean).at(-1);
  const fields: readonly DraftField[] = [
    'officeId',
    'serviceCode',
    'agencyId',
    'receiptCode',
    'description',
    'name',
    'mobile',
    'email',
  ];
  return fields.find((f) => f === last);
}

/**
 * A QR code's dark modules as one SVG path, a unit square each, so the code draws crisp at any
 * size and prints without an image request.
 */
export function qrPath(size: number, dark: (row: number, col: number) => boolean): string {
  let path = '';
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (dark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  return path;
}
