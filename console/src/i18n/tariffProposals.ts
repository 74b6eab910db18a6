/** The texts of tariff proposals: the regulator's drafts and the Commission's decisions, Persian first. */
export const tariffProposalsFa = {
  'commission.proposals': 'پیشنهادهای تعرفه',
  'proposals.new': 'پیشنهاد تغییر تعرفه به کمیسیون',
  'proposals.newHint':
    'ارقام نسخهٔ در حال اجرا را تغییر دهید و تاریخ اجرا و توجیه را بنویسید. تا کمیسیون آن را با مصوبه تصویب نکند، هیچ پرداختی با آن سنجیده نمی‌شود.',
  'proposals.justification': 'توجیه پیشنهاد',
  'proposals.submit': 'فرستادن پیشنهاد',
  'proposals.caption': 'پیشنهادهای تعرفه',
  'proposals.proposedAt': 'تاریخ پیشنهاد',
  'proposals.status.pending': 'در انتظار کمیسیون',
  'proposals.status.approved': 'تصویب‌شده',
  'proposals.status.rejected': 'ردشده',
  'proposals.status.withdrawn': 'پس‌گرفته',
  'proposals.outcome': 'نتیجه',
  'proposals.basedOn': 'بر پایهٔ نسخه',
  'proposals.asVersion': 'ثبت‌شده به‌عنوان نسخهٔ',
  'proposals.withdraw': 'پس‌گرفتن پیشنهاد',
  'proposals.approve': 'تصویب با مصوبه',
  'proposals.approveHint':
    'نسخهٔ تازهٔ تعرفه با این مصوبه ثبت می‌شود و از تاریخ اجرای پیشنهاد، پرداخت‌ها با آن سنجیده می‌شوند.',
  'proposals.reject': 'رد پیشنهاد',
  'proposals.rejectReason': 'دلیل رد',
  'proposals.none': 'پیشنهادی نیست.',
  'proposals.file': 'پیشنهاد تعرفهٔ',
} as const;

export const tariffProposalsEn: Record<keyof typeof tariffProposalsFa, string> = {
  'commission.proposals': 'Tariff proposals',
  'proposals.new': 'Propose a tariff change to the Commission',
  'proposals.newHint':
    'Change the figures of the version in force, give the effective day and the justification. Nothing is priced by it until the Commission approves it by resolution.',
  'proposals.justification': 'Justification',
  'proposals.submit': 'Send the proposal',
  'proposals.caption': 'Tariff proposals',
  'proposals.proposedAt': 'Proposed on',
  'proposals.status.pending': 'Awaiting the Commission',
  'proposals.status.approved': 'Approved',
  'proposals.status.rejected': 'Rejected',
  'proposals.status.withdrawn': 'Withdrawn',
  'proposals.outcome': 'Outcome',
  'proposals.basedOn': 'Based on version',
  'proposals.asVersion': 'recorded as version',
  'proposals.withdraw': 'Withdraw the proposal',
  'proposals.approve': 'Approve by resolution',
  'proposals.approveHint':
    "The new tariff version is recorded under this resolution, and payments are priced by it from the proposal's effective day.",
  'proposals.reject': 'Reject the proposal',
  'proposals.rejectReason': 'Reason for rejecting',
  'proposals.none': 'No proposals.',
  'proposals.file': 'Tariff proposal for',
};
