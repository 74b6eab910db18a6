/**
 * The domain's closed word lists, shared by the HTTP contracts, the event contracts, the
 * slices and the projections. Each list is the one place its words are spelled.
 */

/** Who may call the API. Scope fields come from the credential, never from a request. */
export const roles = [
  'regulator',
  'commission',
  'areo',
  'provincial_mpo',
  'working_group',
  'agency',
  'office',
  'gateway',
  'psp',
  'applicant',
] as const;
export type Role = (typeof roles)[number];

/** The three member bodies of a provincial working group (کارگروه استانی). */
export const memberBodies = ['areo', 'ict', 'governorate'] as const;
export type MemberBody = (typeof memberBodies)[number];

/**
 * Where a license (پروانه) stands. `expired` (منقضی) is never recorded: it is read from the
 * validity dates at the instant asked about.
 */
export const licenseStatuses = [
  'under_review',
  'approved',
  'rejected',
  'refused',
  'active',
  'suspended',
  'expired',
  'cancelled',
] as const;
export type LicenseStatus = (typeof licenseStatuses)[number];

/**
 * Office kind (نوع دفتر): urban (شهری) or rural (روستایی). An urban office must be held by a
 * legal entity, and the two may have different tariffs.
 */
export const officeKinds = ['urban', 'rural'] as const;
export type OfficeKind = (typeof officeKinds)[number];

/** How much customer data (اطلاعات مشتری) a service needs from the agency (clause 5). */
export const customerDataLevels = ['none', 'identity', 'records'] as const;
export type CustomerDataLevel = (typeof customerDataLevels)[number];

/** The three kinds a citizen may file (clause 4): شکایت (complaint), انتقاد (criticism), پیشنهاد (suggestion). */
export const complaintKinds = ['complaint', 'criticism', 'suggestion'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];

/**
 * What the matter is about. `overcharge` (اضافه‌دریافت) is the one topic whose upheld
 * complaint may order a refund.
 */
export const complaintTopics = [
  'overcharge',
  'service_quality',
  'conduct',
  'unavailability',
  'other',
] as const;
export type ComplaintTopic = (typeof complaintTopics)[number];

/** Where a case stands: received → under review ⇄ awaiting the office → resolved, or closed. */
export const complaintStatuses = [
  'received',
  'under_review',
  'awaiting_office',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/**
 * Supervision actions (اقدامات نظارتی) the regulator takes against an office: a warning
 * (تذکر کتبی), an inspection (بازرسی), or a recommendation to suspend the license
 * (پیشنهاد تعلیق پروانه).
 */
export const supervisionActions = ['warning', 'inspection', 'suspension_recommended'] as const;
export type SupervisionAction = (typeof supervisionActions)[number];

/**
 * Who a tariff component pays in the split settlement (تسهیم): the agency's treasury
 * (خزانه), a technical operator, the office (کارمزد دفتر), or VAT (مالیات بر ارزش افزوده).
 */
export const beneficiaryKinds = ['agency', 'technical', 'office', 'vat'] as const;
export type BeneficiaryKind = (typeof beneficiaryKinds)[number];

/**
 * Who one posting of a payment's split pays: a tariff beneficiary, the excess of an
 * overcharge held for refund to the citizen (وجه مازاد قابل استرداد), or money no tariff
 * allocates (وجه تخصیص‌نیافته) until the regulator settles it.
 */
export const postingKinds = [...beneficiaryKinds, 'held-for-refund', 'unallocated'] as const;
export type PostingKind = (typeof postingKinds)[number];

/**
 * A rule of the resolution a payment broke (the payment is still recorded, flagged: the
 * money has moved). `late` (تراکنش با تأخیر ارسال‌شده) is a payment that reached the ledger
 * beyond the allowed age.
 */
export const violationKinds = [
  'overcharge',
  'undercharge',
  'no-tariff',
  'service-not-assigned',
  'license-inactive',
  'not-in-catalogue',
  'quote-expired',
  'quote-mismatch',
  'late',
] as const;
export type ViolationKind = (typeof violationKinds)[number];

/**
 * How an office reaches an agency's customer data (clause 5): the agency's own endpoint
 * (`agency`), or the National Information Exchange Center (مرکز ملی تبادل اطلاعات, `nix`).
 */
export const dataChannels = ['agency', 'nix'] as const;
export type DataChannel = (typeof dataChannels)[number];

/** The level an instruction grants a service (سطح دسترسی): identity items only, or records too. */
export const dataAccessLevels = ['identity', 'records'] as const;
export type DataAccessLevel = (typeof dataAccessLevels)[number];

/**
 * The rule a refused customer-data look-up broke; the problem+json of the refusal names it.
 * `direct-channel-closed`: the exchange center is switched on, so an agency's own endpoint may
 * no longer be used (the note to clause 5).
 */
export const dataAccessRules = [
  'no-instruction',
  'item-not-allowed',
  'consent-missing',
  'consent-wrong',
  'consent-expired',
  'customer-absent',
  'license-inactive',
  'service-not-assigned',
  'limit-reached',
  'outside-hours',
  'direct-channel-closed',
] as const;
export type DataAccessRule = (typeof dataAccessRules)[number];

/** What became of a look-up: data handed over, refused by a rule, or the provider failed. */
export const dataAccessOutcomes = ['granted', 'refused', 'failed'] as const;
export type DataAccessOutcome = (typeof dataAccessOutcomes)[number];

/**
 * Where an online application (درخواست برخط پروانه) stands: drafted by the applicant,
 * submitted, returned for completion (بازگشت برای تکمیل), or forwarded to the working group's
 * vote as a license application.
 */
export const applicationStatuses = ['draft', 'submitted', 'returned', 'forwarded'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * The documents (مدارک) an application may carry: identity card (کارت ملی), premises deed or
 * lease (سند یا اجاره‌نامه محل), police clearance (گواهی عدم سوءپیشینه), education degree
 * (مدرک تحصیلی), and for a company its articles and board notice (اساسنامه و آگهی).
 */
export const documentKinds = ['identity', 'premises', 'clearance', 'degree', 'articles'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The content types a document may have, each checked against the bytes' magic numbers. */
export const documentContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

/**
 * What a license holder (دارنده پروانه) may ask of the regulator about their license: renewal
 * (تمدید), transfer to another holder (انتقال), voluntary cancellation (ابطال داوطلبانه),
 * change of address (تغییر نشانی).
 */
export const holderRequestKinds = [
  'renewal',
  'transfer',
  'cancellation',
  'address_change',
] as const;
export type HolderRequestKind = (typeof holderRequestKinds)[number];

/**
 * Where a holder's request stands: a transfer first awaits the receiving party's acceptance;
 * every request is then pending the regulator's decision.
 */
export const holderRequestStatuses = [
  'awaiting_receiver',
  'pending',
  'approved',
  'rejected',
] as const;
export type HolderRequestStatus = (typeof holderRequestStatuses)[number];
