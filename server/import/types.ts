/** The shapes an ERP import passes around: raw records from a source, typed records, the report. */
import type { Channel, ItemKind, PaymentMethod, RiskClass } from '../../shared/domain/codes';
import type { PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';
import type { NumberStyle } from './fields';

/** In the order they are applied: later entities refer to earlier ones by ERP key. */
export const IMPORT_ENTITIES = ['customers', 'contactPersons', 'openItems', 'payments', 'clearings'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const isImportEntity = (value: string): value is ImportEntity => (IMPORT_ENTITIES as readonly string[]).includes(value);

/** How text values are read; JSON records use the same options (dates default to ISO). */
export interface ReadOptions {
  readonly dateFormat: string;
  readonly numberStyle: NumberStyle;
  /** Per target field, source code → the value it stands for (applied before the field is read). */
  readonly valueMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly defaultCurrency?: string | undefined;
  readonly defaultCountry?: string | undefined;
}

/** One target field's value as found in the source, with the column (or JSON property) it came from. */
export interface SourceValue {
  readonly value: unknown;
  readonly column: string;
}

/** A record before validation. `line` is the file line (1-based, header = 1) or, for JSON, the record number. */
export interface RawRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, SourceValue>>;
}

export type RawBatch = { readonly [E in ImportEntity]: readonly RawRecord[] };

export interface CustomerRecord {
  readonly key: string;
  readonly number: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  readonly paymentTerms: string;
  readonly paymentTermsDays: number;
  readonly creditLimitMinor: number;
  readonly creditHold: boolean;
  readonly riskClass: RiskClass;
  readonly erpCountryCode: string | null;
  readonly language: string | null;
}

export interface ContactPersonRecord {
  readonly key: string;
  readonly customerKey: string;
  readonly name: string;
  readonly role: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly preferredChannel: Channel | null;
  readonly language: string | null;
  readonly isPrimary: boolean;
}

export interface OpenItemRecord {
  readonly key: string;
  readonly customerKey: string;
  readonly kind: ItemKind;
  readonly documentNumber: string;
  readonly reference: string | null;
  readonly documentDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly originalMinor: number;
  readonly openMinor: number;
  readonly disputedMinor: number;
  readonly disputed: boolean;
  readonly dunningLevel: number;
  readonly clearedOn: string | null;
}

export interface PaymentRecord {
  readonly key: string;
  readonly customerKey: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly valueDate: string;
  readonly method: PaymentMethod | null;
  readonly reference: string | null;
}

export interface ClearingRecord {
  readonly key: string;
  readonly itemKey: string;
  readonly paymentKey: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly clearedOn: string;
}

export interface EntityRecords {
  customers: CustomerRecord;
  contactPersons: ContactPersonRecord;
  openItems: OpenItemRecord;
  payments: PaymentRecord;
  clearings: ClearingRecord;
}

/** A validated record and where it came from, for the report. */
export interface Located<T> {
  readonly line: number;
  readonly record: T;
  readonly columns: Readonly<Record<string, string>>;
}

export type RecordBatch = { [E in ImportEntity]: Located<EntityRecords[E]>[] };

export interface Rejection {
  /** Absent for a row that could not be read at all (wrong field count). */
  readonly entity?: ImportEntity;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  /** True when the changes were committed (with `allowPartial`, also when some rows were rejected). */
  readonly committed: boolean;
  readonly dryRun: boolean;
  /** What was applied; with `committed: false` after rejections, all zero. For a dry run: what would be. */
  readonly applied: Readonly<Record<ImportEntity, EntityCounts>>;
  readonly rejected: readonly Rejection[];
  /** The promises judged after the payments and clearings committed, one run per calendar day of the customers' teams; none when no money came or nothing was committed. */
  readonly promises: readonly PromiseEvaluationRun[];
}

/** The request itself is unusable (unknown column in the mapping, malformed CSV...): no row-level report. */
export class ImportInputError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}
