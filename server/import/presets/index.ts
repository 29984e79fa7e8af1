/** The built-in presets, by name. */
import { businessCentralLedgerEntries } from './business-central';
import { ibmAr } from './ibm-ar';
import { netsuiteOpenInvoices } from './netsuite';
import { oracleReceivablesInvoices } from './oracle-receivables';
import type { Preset } from './preset';
import { sapFbl5nEnglish, sapFbl5nGerman } from './sap-fbl5n';

export type { MappingPreset, Preset, RowsPreset, SourceFormat } from './preset';
export { SOURCE_FORMATS } from './preset';

const ALL: readonly Preset[] = [ibmAr, sapFbl5nEnglish, sapFbl5nGerman, oracleReceivablesInvoices, businessCentralLedgerEntries, netsuiteOpenInvoices];

/** By name; a Map, since the name comes from the request and "__proto__" must find nothing. */
export const PRESETS: ReadonlyMap<string, Preset> = new Map(ALL.map((preset) => [preset.name, preset]));
