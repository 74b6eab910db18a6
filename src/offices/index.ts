export { officesRouter, type OfficesDeps } from './routes';
export {
  officeRegistry,
  type OfficeRegistry,
  type OfficeRecord,
  type AssignmentRow,
  type TerminalRecord,
} from './registry';
export { officeDecider, type OfficeCommand, type LicenseFacts } from './office.decide';
export { terminalDecider, type TerminalCommand } from './terminal.decide';
export * from './office';
export * from './terminal';
