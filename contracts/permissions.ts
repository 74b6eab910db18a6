import { roles, type Role } from './vocabulary';

const everyone = roles;

/**
 * The one table of who may do what. A route names its action; the authorization
 * matrix test walks this table, so a route without a row here fails that test.
 */
export const permissions = {
  'credential.issue': ['regulator'],
  'credential.revoke': ['regulator'],
  'credential.list': ['regulator'],
  'self.read': everyone,
  'license.apply': ['regulator', 'working_group'],
  'license.vote': ['working_group'],
  'license.issue': ['regulator'],
  'license.manage': ['regulator'],
  'license.read': ['regulator', 'areo', 'working_group'],
  'office.register': ['regulator'],
  'office.update': ['regulator', 'office'],
  'office.read': ['regulator', 'areo', 'agency', 'office'],
  'assignment.manage': ['regulator'],
  'assignment.read': ['regulator', 'areo', 'agency', 'office'],
  'terminal.manage': ['regulator'],
  'terminal.read': ['regulator', 'office'],
  'agency.register': ['regulator'],
  'service.define': ['regulator', 'agency'],
  'catalogue.publish': ['areo', 'provincial_mpo'],
  'catalogue.read': everyone,
  'tariff.approve': ['commission'],
  'tariff.read': everyone,
  'calendar.publish': ['regulator'],
  'calendar.read': everyone,
  'quote.issue': ['office', 'gateway', 'regulator'],
  'payment.record': ['gateway'],
  'payment.reverse': ['gateway'],
  'payment.refund': ['regulator', 'office'],
  'payment.read': ['regulator', 'agency', 'office', 'gateway'],
  'complaint.read': ['regulator', 'agency', 'office'],
  'complaint.handle': ['regulator', 'agency'],
  'complaint.respond': ['office'],
  'complaint.aggregate': ['regulator', 'areo'],
  'supervision.read': ['regulator', 'areo'],
  'supervision.office': ['regulator', 'areo', 'office'],
  'supervision.act': ['regulator'],
  'settlement.read': ['regulator', 'agency'],
  'settlement.close': ['regulator'],
  'settlement.export': ['regulator'],
  'compliance.read': ['regulator'],
  'deadlines.read': ['regulator', 'areo', 'provincial_mpo', 'agency'],
  'reconciliation.run': ['agency'],
  'projection.read': ['regulator'],
  'dataInstruction.record': ['agency'],
  'dataInstruction.acknowledge': ['regulator'],
  'dataInstruction.read': ['regulator', 'areo', 'agency', 'office'],
  'dataExchange.switch': ['regulator'],
  'dataAccess.lookup': ['office'],
  'dataAccess.audit': ['regulator', 'agency'],
  'dataAccess.anomalies': ['regulator'],
  'dataAccess.supervise': ['regulator'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
