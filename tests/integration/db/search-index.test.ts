import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildSearchIndex } from '../../../db/search-index';
import { addContactPerson, addCustomer, addItem, addNote } from '../../support/builders';
import { createTempStore, type TempStore } from '../../support/temp-store';

let temp: TempStore;
beforeEach(async () => {
  temp = await createTempStore();
});
afterEach(async () => temp.cleanup());

const indexRows = () => temp.store.sqlite.prepare('SELECT rowid, kind, customer_id, ref_id, label, body FROM search_index ORDER BY rowid').all();
const match = (q: string) => temp.store.sqlite.prepare('SELECT kind, label FROM search_index WHERE search_index MATCH ? ORDER BY rowid').all(q);

describe('search index', () => {
  it('follows inserts, updates and deletes through triggers', () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { name: 'Omega Optik' });
    addItem(sqlite, c.id, { document_number: 'INV-555', reference: 'PO-9' });
    const note = addNote(sqlite, c.id, 'ring before noon');
    expect(match('"omega"*')).toEqual([{ kind: 'customer', label: 'Omega Optik' }]);
    sqlite.prepare('UPDATE customers SET name = ? WHERE id = ?').run('Sigma Optik', c.id);
    expect(match('"omega"*')).toEqual([]);
    expect(match('"sigma"*')).toEqual([{ kind: 'customer', label: 'Sigma Optik' }]);
    sqlite.prepare('UPDATE notes SET is_current = 0 WHERE id = ?').run(note.id);
    expect(match('"noon"*')).toEqual([]);
    sqlite.prepare('DELETE FROM open_items').run();
    expect(match('"inv"*')).toEqual([]);
    expect(match('"po"*')).toEqual([]);
  });

  it('rebuilds to exactly what the triggers maintain', () => {
    const { sqlite } = temp.store;
    const c = addCustomer(sqlite, { name: 'Kappa Kaffee' });
    addContactPerson(sqlite, c.id, { name: 'Lena Lager', email: 'lena@kappa.example', role: 'AP' });
    addItem(sqlite, c.id, { document_number: 'INV-1', reference: 'REF-1' });
    addItem(sqlite, c.id, { document_number: 'INV-2' });
    addNote(sqlite, c.id, 'wants statements monthly');
    const before = indexRows();
    expect(before).toHaveLength(6);
    sqlite.prepare('DELETE FROM search_index').run();
    rebuildSearchIndex(sqlite);
    expect(indexRows()).toEqual(before);
  });
});
