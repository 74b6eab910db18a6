import type { z } from 'zod';
import type {
  ComplaintSubjectSchema,
  DeskSchema,
  PartiesSchema,
  RemedySchema,
} from '../../contracts/events/complaints';

export {
  complaintKinds,
  complaintStatuses,
  complaintTopics,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintTopic,
} from '../../contracts/vocabulary';

export type ComplaintSubject = z.infer<typeof ComplaintSubjectSchema>;
export type Desk = z.infer<typeof DeskSchema>;
export type Parties = z.infer<typeof PartiesSchema>;
export type Remedy = z.infer<typeof RemedySchema>;

export {
  complaintEventTypes,
  evolveComplaint,
  foldComplaintRecord,
  initialComplaintState,
  type ComplaintClosed,
  type ComplaintEvent,
  type ComplaintFiled,
  type ComplaintRecord,
  type ComplaintResolved,
  type ComplaintReviewStarted,
  type ComplaintState,
  type ComplaintStep,
  type FiledComplaint,
  type OfficeResponded,
  type OfficeResponseRequested,
  type RefundOrdered,
  type RefundRecorded,
} from '../../contracts/complaintCase';

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;
