import { sql, type Kysely } from 'kysely';

/**
 * What the ERP import needs beyond 001: ERP keys for contact persons and clearings (so a
 * re-import updates instead of duplicating), the ERP's own country code when it is not an ISO
 * code, and the ERP's "was disputed" flag, which survives settlement (disputed_minor does not).
 * Nullable or defaulted, so rows written before it and by the sync stay valid.
 */
const statements = [
  `ALTER TABLE customers ADD COLUMN erp_country_code TEXT`,
  `ALTER TABLE contact_persons ADD COLUMN erp_key TEXT`,
  `CREATE UNIQUE INDEX contact_persons_erp_key ON contact_persons (erp_key)`,
  `ALTER TABLE clearings ADD COLUMN erp_key TEXT`,
  `CREATE UNIQUE INDEX clearings_erp_key ON clearings (erp_key)`,
  `ALTER TABLE open_items ADD COLUMN erp_disputed BOOLEAN NOT NULL DEFAULT FALSE`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
