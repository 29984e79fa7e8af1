import type { OperationOutput } from '../../../shared/api/contract';

export type Account = OperationOutput<'customer.account'>;
export type OpenItem = Account['openItems'][number];
export type TimelineEntry = OperationOutput<'customer.timeline'>['entries'][number];
export type ContactPerson = Account['contacts'][number];
