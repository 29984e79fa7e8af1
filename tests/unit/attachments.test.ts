import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttachmentAddSchema, AttachmentContentSchema, AttachmentFileNameSchema, ATTACHMENT_MAX_BASE64 } from '../../shared/api/attachment-schemas';
import { DomainError } from '../../shared/api/result';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  ATTACHMENT_NAME_MAX,
  ATTACHMENTS_PER_PARENT_MAX,
  attachmentPreview,
  base64ByteLength,
  contentProblem as contentRefusal,
  fileNameProblem as fileNameRefusal,
  formatBytes,
  isAttachmentMediaType,
  leadingBytes,
  mediaTypeOfFileName,
  type AttachmentMediaType,
} from '../../shared/domain/attachments';
import { DEFAULT_PROMISE_RULES } from '../../shared/domain/promise';
import { attachmentAdd } from '../../shared/mutations/attachments';
import { countWithinBudget } from '../../shared/sync/protocol';
import type { DecideContext } from '../../shared/mutations/definition';
import type { Effect, Step } from '../../shared/mutations/effects';
import { refusalMessage, type Refusal } from '../../shared/i18n/refusals';

const base64Of = (bytes: Iterable<number>): string => Buffer.from([...bytes]).toString('base64');
/** The rules' refusals in their English words, as the messages carry them. */
const words = (refusal: Refusal | null): string | null => (refusal === null ? null : refusalMessage(refusal));
const contentProblem = (mediaType: AttachmentMediaType, base64: string): string | null => words(contentRefusal(mediaType, base64));
const fileNameProblem = (fileName: string): string | null => words(fileNameRefusal(fileName));
const issuePath = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues[0]?.path.join('.');
const issueMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

/** The signatures of each binary type, written out from the formats' specifications (not read from the module). */
const SIGNATURES: readonly [AttachmentMediaType, readonly number[]][] = [
  ['application/pdf', [...Buffer.from('%PDF-', 'latin1')]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [...Buffer.from('GIF8', 'latin1')]],
  // RIFF, the chunk size, then WEBP.
  ['image/webp', [...Buffer.from('RIFF\x24\x00\x00\x00WEBP', 'latin1')]],
  ['image/tiff', [...Buffer.from('II*\0', 'latin1')]],
  ['image/tiff', [...Buffer.from('MM\0*', 'latin1')]],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [...Buffer.from('PK\x03\x04', 'latin1')]],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', [...Buffer.from('PK\x03\x04', 'latin1')]],
  ['application/vnd.ms-outlook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];
const TEXT_TYPES: readonly AttachmentMediaType[] = ['text/plain', 'text/csv', 'message/rfc822'];
const BINARY_TYPES = [...new Set(SIGNATURES.map(([type]) => type))];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_SNIFF_BYTES = 1_024;
const UNSAFE_CHARACTERS = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

const tail = fc.uint8Array({ maxLength: 200 });
/** Bytes without a NUL, as a text file has. */
const textBytes = (options: { minLength?: number; maxLength?: number }) => fc.uint8Array(options).map((bytes) => bytes.map((byte) => (byte === 0 ? 0x20 : byte)));

describe('leadingBytes', () => {
  it('is the head of what Buffer decodes, for any bytes and any count from 0 to 40', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 40 }), (bytes, count) => {
        const base64 = base64Of(bytes);
        expect(leadingBytes(base64, count)).toEqual([...Buffer.from(base64, 'base64').subarray(0, count)]);
      }),
    );
  });

  it('gives every byte when asked for more than the text holds, and none of an empty text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(leadingBytes(base64Of(bytes), bytes.length + 10)).toEqual([...bytes]);
      }),
    );
    expect(leadingBytes('', 5)).toEqual([]);
  });
});

describe('base64ByteLength', () => {
  it('is the number of bytes Buffer encoded, whatever the padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ByteLength(base64Of(bytes))).toBe(Buffer.from(bytes).length);
      }),
    );
  });

  it.each([0, 1, 2, 3, 4, 5])('counts %i bytes (each padding length)', (length) => {
    expect(base64ByteLength(base64Of(new Uint8Array(length).fill(0xab)))).toBe(length);
  });
});

describe('contentProblem', () => {
  it.each(SIGNATURES)('takes %s starting with its signature %j, whatever follows', (mediaType, signature) => {
    fc.assert(
      fc.property(tail, (rest) => {
        expect(contentProblem(mediaType, base64Of([...signature, ...rest]))).toBeNull();
      }),
    );
  });

  it('refuses a PNG named as a PDF, naming the type the name claims', () => {
    const problem = contentProblem('application/pdf', base64Of([...PNG_SIGNATURE, 0, 0, 0, 13]));
    expect(problem).not.toBeNull();
    expect(problem).toContain('application/pdf');
    expect(contentRefusal('application/pdf', base64Of([...PNG_SIGNATURE, 0, 0, 0, 13]))).toEqual({ key: 'attachmentNotItsType', params: { mediaType: 'application/pdf' } });
  });

  it.each(BINARY_TYPES)('refuses %s whose first byte starts none of its signatures', (mediaType) => {
    const firstBytes = new Set(SIGNATURES.filter(([type]) => type === mediaType).map(([, signature]) => signature[0]));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }).filter((byte) => !firstBytes.has(byte)),
        tail,
        (first, rest) => {
          expect(contentProblem(mediaType, base64Of([first, ...rest]))).toContain(mediaType);
        },
      ),
    );
  });

  it.each(BINARY_TYPES)('refuses %s holding only part of its signature', (mediaType) => {
    for (const [, signature] of SIGNATURES.filter(([type]) => type === mediaType)) {
      expect(contentProblem(mediaType, base64Of(signature.slice(0, -1)))).toContain(mediaType);
    }
  });

  it.each(TEXT_TYPES)('takes %s text without a NUL byte', (mediaType) => {
    fc.assert(
      fc.property(textBytes({ minLength: 1, maxLength: 2_000 }), (bytes) => {
        expect(contentProblem(mediaType, base64Of(bytes))).toBeNull();
      }),
    );
    expect(contentProblem(mediaType, Buffer.from('Date,Amount\n2026-03-01,120.00\n', 'utf8').toString('base64'))).toBeNull();
  });

  it.each(TEXT_TYPES)('refuses %s with a NUL byte in its first 1024 bytes', (mediaType) => {
    fc.assert(
      fc.property(textBytes({ minLength: TEXT_SNIFF_BYTES, maxLength: 1_500 }), fc.integer({ min: 0, max: TEXT_SNIFF_BYTES - 1 }), (bytes, at) => {
        const withNul = Uint8Array.from(bytes);
        withNul[at] = 0;
        expect(contentProblem(mediaType, base64Of(withNul))).toContain(mediaType);
      }),
    );
  });

  it.each(TEXT_TYPES)('takes %s with a NUL byte only after its first 1024 bytes', (mediaType) => {
    fc.assert(
      fc.property(textBytes({ minLength: 1_600, maxLength: 1_600 }), fc.integer({ min: TEXT_SNIFF_BYTES, max: 1_599 }), (bytes, at) => {
        const withNul = Uint8Array.from(bytes);
        withNul[at] = 0;
        expect(contentProblem(mediaType, base64Of(withNul))).toBeNull();
      }),
    );
  });

  it('refuses another RIFF file (a WAV) named .webp', () => {
    expect(contentProblem('image/webp', base64Of(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')))).toMatch(/not image\/webp, which the file name says/);
  });

  it.each(ATTACHMENT_MEDIA_TYPES)('refuses empty %s content', (mediaType) => {
    expect(contentProblem(mediaType, '')).toMatch(/empty/);
  });

  it('takes a file of exactly ATTACHMENT_MAX_BYTES, and refuses one byte more naming the limit', () => {
    const pdf = (size: number) => {
      const bytes = Buffer.alloc(size, 0x20);
      Buffer.from('%PDF-1.7\n', 'latin1').copy(bytes);
      return bytes.toString('base64');
    };
    const atLimit = pdf(ATTACHMENT_MAX_BYTES);
    expect(base64ByteLength(atLimit)).toBe(ATTACHMENT_MAX_BYTES);
    expect(contentProblem('application/pdf', atLimit)).toBeNull();

    const over = pdf(ATTACHMENT_MAX_BYTES + 1);
    expect(base64ByteLength(over)).toBe(ATTACHMENT_MAX_BYTES + 1);
    const problem = contentProblem('application/pdf', over);
    expect(problem).not.toBeNull();
    expect(problem).toContain(`larger than ${formatBytes(ATTACHMENT_MAX_BYTES)}`);
    expect(formatBytes(ATTACHMENT_MAX_BYTES)).toBe('5.0 MB');
    // Text types are held to the same size limit before their content is sniffed.
    expect(contentProblem('text/plain', Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x41).toString('base64'))).toContain('larger than 5.0 MB');
  });
});

describe('mediaTypeOfFileName', () => {
  it.each([
    ['REMITTANCE.PDF', 'application/pdf'],
    ['remittance.pdf', 'application/pdf'],
    ['photo.JPeG', 'image/jpeg'],
    ['photo.jpg', 'image/jpeg'],
    ['scan.TIF', 'image/tiff'],
    ['scan.tiff', 'image/tiff'],
    ['mail.eml', 'message/rfc822'],
    ['mail.MSG', 'application/vnd.ms-outlook'],
    ['ledger.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['export.2026.03.csv', 'text/csv'],
    ['archive.pdf.png', 'image/png'],
  ])('%s is %s (the last extension, in any case)', (fileName, mediaType) => {
    expect(mediaTypeOfFileName(fileName)).toBe(mediaType);
  });

  it.each([
    'invoice',
    'setup.exe',
    'macro.xlsm',
    'legacy.doc',
    'remittance.pdf.exe',
    'trailing.',
    'pdf',
    // A dot at index 0 starts a dot-file's name, not an extension: '.pdf' has none.
    '.pdf',
    '',
  ])('%j is no type taken', (fileName) => {
    expect(mediaTypeOfFileName(fileName)).toBeNull();
  });

  it('ignores the case of the extension and anything before its dot', () => {
    const extension = fc.constantFrom(...ATTACHMENT_EXTENSIONS);
    const caseMask = fc.array(fc.boolean(), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), extension, caseMask, (base, dotted, mask) => {
        const mixed = Array.from(dotted, (char, index) => (mask[index % mask.length] === true ? char.toUpperCase() : char)).join('');
        expect(mediaTypeOfFileName(`${base}${mixed}`)).toBe(mediaTypeOfFileName(`x${dotted}`));
      }),
    );
  });
});

describe('ATTACHMENT_EXTENSIONS and the media types', () => {
  it('every extension starts with a dot, is lower case, is listed once and maps back to a media type taken', () => {
    expect(ATTACHMENT_EXTENSIONS.length).toBeGreaterThan(0);
    expect(new Set(ATTACHMENT_EXTENSIONS).size).toBe(ATTACHMENT_EXTENSIONS.length);
    for (const extension of ATTACHMENT_EXTENSIONS) {
      expect(extension.startsWith('.')).toBe(true);
      expect(extension).toBe(extension.toLowerCase());
      const mediaType = mediaTypeOfFileName(`file${extension}`);
      expect(mediaType).not.toBeNull();
      expect(ATTACHMENT_MEDIA_TYPES).toContain(mediaType);
    }
  });

  it('every media type has at least one extension', () => {
    const reached = new Set(ATTACHMENT_EXTENSIONS.map((extension) => mediaTypeOfFileName(`file${extension}`)));
    expect([...reached].sort()).toEqual([...ATTACHMENT_MEDIA_TYPES].sort());
  });

  it('isAttachmentMediaType knows exactly the listed types, not inherited keys', () => {
    for (const mediaType of ATTACHMENT_MEDIA_TYPES) expect(isAttachmentMediaType(mediaType)).toBe(true);
    for (const other of ['application/x-msdownload', 'text/html', 'toString', '__proto__', 'constructor', '']) expect(isAttachmentMediaType(other)).toBe(false);
  });

  it('previews images as images, PDFs in the viewer, text as text, and the rest only in the OS viewer', () => {
    expect(attachmentPreview('application/pdf')).toBe('pdf');
    for (const mediaType of ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const) expect(attachmentPreview(mediaType)).toBe('image');
    for (const mediaType of TEXT_TYPES) expect(attachmentPreview(mediaType)).toBe('text');
    for (const mediaType of ['image/tiff', 'application/vnd.ms-outlook', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const) {
      expect(attachmentPreview(mediaType)).toBeNull();
    }
  });
});

describe('fileNameProblem: names the viewer copy could not be written under', () => {
  it.each(['two\tcolumns.csv', 'two\nlines.pdf'])('refuses %j: one line, no tabs', (name) => {
    expect(fileNameProblem(name)).toBe('must be on one line, without tabs');
  });

  it.each(['CON.pdf', 'nul.txt', 'Com1.png', 'LPT9.csv', 'aux.eml'])('refuses the Windows device name %s', (name) => {
    expect(fileNameProblem(name)).toBe('is a name Windows keeps for a device');
  });

  it('takes device-like names that are not devices', () => {
    for (const name of ['console.pdf', 'com10.png', 'null.txt', 'CONTRACT.pdf']) expect(fileNameProblem(name), name).toBeNull();
  });

  it('counts the name in UTF-8 bytes, as file systems do: 255 at most', () => {
    const fits = `${'x'.repeat(251)}.pdf`;
    expect(Buffer.byteLength(fits)).toBe(255);
    expect(fileNameProblem(fits)).toBeNull();
    const cjk = `${'客'.repeat(84)}.pdf`;
    expect(Buffer.byteLength(cjk)).toBe(256);
    expect(fileNameProblem(cjk)).toMatch(/longer than file systems take/);
  });
});

describe('countWithinBudget', () => {
  it('always takes the first, then as many as fit, in order', () => {
    expect(countWithinBudget([], 10)).toBe(0);
    expect(countWithinBudget([50], 10)).toBe(1);
    expect(countWithinBudget([4, 4, 4], 10)).toBe(2);
    expect(countWithinBudget([4, 6, 1], 10)).toBe(2);
  });

  it('never exceeds the budget after the first, and stops at the first that does not fit', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100)), fc.nat(300), (sizes, budget) => {
        const count = countWithinBudget(sizes, budget);
        const taken = sizes.slice(0, count);
        const total = taken.reduce((sum, size) => sum + size, 0);
        if (count > 1) expect(total).toBeLessThanOrEqual(budget);
        if (sizes.length > 0) expect(count).toBeGreaterThanOrEqual(1);
        if (count < sizes.length) expect(total + (sizes[count] ?? 0)).toBeGreaterThan(budget);
      }),
    );
  });
});

describe('fileNameProblem', () => {
  it.each(UNSAFE_CHARACTERS)('refuses a name holding %j', (char) => {
    expect(fileNameProblem(`remit${char}tance.pdf`)).toMatch(/must not contain/);
    expect(fileNameProblem(`${char}remittance.pdf`)).toMatch(/must not contain/);
  });

  it('refuses any name with an unsafe character anywhere, however usable the rest', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom(...UNSAFE_CHARACTERS), fc.string({ maxLength: 20 }), (before, char, after) => {
        expect(fileNameProblem(`${before}${char}${after}.pdf`)).toMatch(/must not contain/);
      }),
    );
  });

  it.each(['.', '..', '...', '.....'])('refuses %j, a name of only dots', (fileName) => {
    expect(fileNameProblem(fileName)).toBe('is not a usable file name');
  });

  it.each([' remittance.pdf', 'remittance.pdf ', '\u0020\u0020a.png', 'remittance.pdf.', 'remittance.'])('refuses %j (a leading or trailing space, a trailing dot)', (fileName) => {
    expect(fileNameProblem(fileName)).toBe('is not a usable file name');
  });

  it.each(['setup.exe', 'invoice', 'macro.xlsm', '.pdf', 'report.pdf.bat'])('refuses %j, listing the extensions taken', (fileName) => {
    const problem = fileNameProblem(fileName);
    expect(problem).toMatch(/^must end in one of /);
    for (const extension of ATTACHMENT_EXTENSIONS) expect(problem).toContain(extension);
  });

  it.each(['Proof of delivery 2026-03.pdf', 'Überweisung März.png', '客户邮件.eml', 'scan.JPEG', 'a.b.c.csv', "O'Brien & Sons (copy).docx", '..hidden.pdf'])('takes %j', (fileName) => {
    expect(fileNameProblem(fileName)).toBeNull();
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1_023, '1023 bytes'],
    [1_024, '1 KB'],
    [1_536, '2 KB'],
    [14 * 1_024, '14 KB'],
    [1_024 * 1_024, '1.0 MB'],
    [2.4 * 1_024 * 1_024, '2.4 MB'],
    [5 * 1_024 * 1_024, '5.0 MB'],
  ])('%i is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('AttachmentFileNameSchema', () => {
  it('trims the name and then applies the file name rule', () => {
    expect(AttachmentFileNameSchema.parse('  Remittance March.pdf \n')).toBe('Remittance March.pdf');
    expect(issueMessage(AttachmentFileNameSchema.safeParse('setup.exe'))).toMatch(/^must end in one of /);
    expect(issueMessage(AttachmentFileNameSchema.safeParse('a/b.pdf'))).toMatch(/must not contain/);
  });

  it('requires a name, and one of at most ATTACHMENT_NAME_MAX characters', () => {
    expect(issueMessage(AttachmentFileNameSchema.safeParse('   '))).toBe('is required');
    const longest = `${'a'.repeat(ATTACHMENT_NAME_MAX - 4)}.pdf`;
    expect(AttachmentFileNameSchema.safeParse(longest).success).toBe(true);
    expect(issueMessage(AttachmentFileNameSchema.safeParse(`a${longest}`))).toBe(`must be at most ${ATTACHMENT_NAME_MAX} characters`);
  });

  it('refuses control and bidirectional characters (the text rule)', () => {
    expect(AttachmentFileNameSchema.safeParse('remit\u0000tance.pdf').success).toBe(false);
    // "Trojan Source": the name would show as ...fdp.exe reversed.
    expect(AttachmentFileNameSchema.safeParse('invoice\u202Efdp.png').success).toBe(false);
  });
});

describe('AttachmentContentSchema', () => {
  it('takes any bytes as Buffer encodes them to base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const base64 = base64Of(bytes);
        expect(AttachmentContentSchema.parse(base64)).toBe(base64);
      }),
    );
  });

  it.each(['not base64!', 'QUJD\nREVG', 'QUJ', 'QU=D', 'QUJD===='])('refuses %j as not base64', (content) => {
    expect(issueMessage(AttachmentContentSchema.safeParse(content))).toBe('must be the file as base64');
  });

  it('fits the base64 of a file at the limit exactly, and refuses a longer text naming the limit', () => {
    expect(ATTACHMENT_MAX_BASE64).toBe(Buffer.alloc(ATTACHMENT_MAX_BYTES).toString('base64').length);
    expect(AttachmentContentSchema.safeParse('A'.repeat(ATTACHMENT_MAX_BASE64)).success).toBe(true);
    expect(issueMessage(AttachmentContentSchema.safeParse('A'.repeat(ATTACHMENT_MAX_BASE64 + 4)))).toBe(`must be at most ${formatBytes(ATTACHMENT_MAX_BYTES)} of file`);
  });
});

describe('AttachmentAddSchema', () => {
  const customerId = '01900000-0000-7000-8000-000000000001';
  const parentId = '01900000-0000-7000-8000-000000000002';
  const content = base64Of([...Buffer.from('%PDF-1.7\n', 'latin1')]);
  const valid = { customerId, parentKind: 'note', parentId, fileName: '  Remittance March.pdf  ', content };

  it('takes a valid input, trimming the file name', () => {
    expect(AttachmentAddSchema.parse(valid)).toEqual({ ...valid, fileName: 'Remittance March.pdf' });
    for (const parentKind of ['note', 'dispute', 'activity']) expect(AttachmentAddSchema.safeParse({ ...valid, parentKind }).success).toBe(true);
  });

  it.each([
    [{ customerId: 'customer-1' }, 'customerId'],
    [{ parentId: '12345' }, 'parentId'],
    [{ parentKind: 'invoice' }, 'parentKind'],
    [{ fileName: 'setup.exe' }, 'fileName'],
    [{ fileName: 'a:b.pdf' }, 'fileName'],
    [{ fileName: '' }, 'fileName'],
    [{ content: 'not base64!' }, 'content'],
    [{ content: 42 }, 'content'],
  ])('names the field of %j', (patch, path) => {
    expect(issuePath(AttachmentAddSchema.safeParse({ ...valid, ...patch }))).toBe(path);
  });

  it('says why: a UUID, a file name rule, base64', () => {
    expect(issueMessage(AttachmentAddSchema.safeParse({ ...valid, customerId: 'customer-1' }))).toBe('must be a UUID');
    expect(issueMessage(AttachmentAddSchema.safeParse({ ...valid, fileName: 'a|b.pdf' }))).toBe(fileNameProblem('a|b.pdf'));
    expect(issueMessage(AttachmentAddSchema.safeParse({ ...valid, content: 'not base64!' }))).toBe('must be the file as base64');
  });

  it('refuses content longer than ATTACHMENT_MAX_BASE64, with the limit in the message', () => {
    const result = AttachmentAddSchema.safeParse({ ...valid, content: 'A'.repeat(ATTACHMENT_MAX_BASE64 + 4) });
    expect(issuePath(result)).toBe('content');
    expect(issueMessage(result)).toBe(`must be at most ${formatBytes(ATTACHMENT_MAX_BYTES)} of file`);
  });

  it('refuses a missing or an unknown field', () => {
    expect(issuePath(AttachmentAddSchema.safeParse({ ...valid, content: undefined }))).toBe('content');
    expect(AttachmentAddSchema.safeParse({ ...valid, mediaType: 'application/pdf' }).success).toBe(false);
  });
});

/**
 * attachment.add's rule is a generator of plain effects (shared/mutations/effects.ts), so it runs
 * here against an in-memory answerer: no database.
 */
describe('attachment.add (the shared rule, driven without a store)', () => {
  type Row = Readonly<Record<string, unknown>>;
  type Tables = Readonly<Partial<Record<string, readonly Row[]>>>;

  const customerId = '01900000-0000-7000-8000-000000000001';
  const otherCustomerId = '01900000-0000-7000-8000-000000000009';
  const noteId = '01900000-0000-7000-8000-000000000011';
  const lineageId = '01900000-0000-7000-8000-000000000010';
  const disputeId = '01900000-0000-7000-8000-000000000021';
  const activityId = '01900000-0000-7000-8000-000000000031';
  const newAttachmentId = '01900000-0000-7000-8000-0000000000a1';
  const ctx: DecideContext = { now: '2026-03-02T10:00:00.000Z', asOf: '2026-03-02', userId: '01900000-0000-7000-8000-0000000000b1', actor: null, promiseRules: DEFAULT_PROMISE_RULES };
  const pdf = base64Of([...Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]);
  const tables: Tables = {
    notes: [{ id: noteId, customer_id: customerId, lineage_id: lineageId }],
    disputes: [{ id: disputeId, customer_id: customerId }],
    activities: [{ id: activityId, customer_id: customerId }],
  };

  const matches = (row: Row, where: Readonly<Record<string, unknown>>) =>
    Object.entries(where).every(([column, value]) => (Array.isArray(value) ? value.includes(row[column]) : row[column] === value));

  /** Answers each effect of `step` from `store`; `effects` collects what was asked, also of a rule that throws. */
  function run<R>(step: Step<R>, store: Tables, effects: Effect[] = []): { result: R; effects: Effect[] } {
    let next = step.next();
    while (next.done !== true) {
      const effect = next.value;
      effects.push(effect);
      const answer: unknown = effect.effect === 'read' ? (store[effect.table] ?? []).filter((row) => matches(row, effect.where)) : effect.effect === 'newId' ? newAttachmentId : undefined;
      next = step.next(answer);
    }
    return { result: next.value, effects };
  }

  const decide = (args: Record<string, unknown>, store: Tables = tables, effects: Effect[] = []) =>
    run(attachmentAdd.decide(ctx, AttachmentAddSchema.parse({ customerId, fileName: 'Remittance.pdf', content: pdf, ...args })), store, effects);
  const writes = (effects: readonly Effect[]) => effects.filter((effect) => effect.effect !== 'read' && effect.effect !== 'user');

  const refusal = (action: () => unknown): DomainError => {
    try {
      action();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a DomainError');
  };

  it('is attachment.add, validated by AttachmentAddSchema, changing the customer it names', () => {
    expect(attachmentAdd.name).toBe('attachment.add');
    expect(attachmentAdd.args).toBe(AttachmentAddSchema);
    expect(run(attachmentAdd.customerOf(AttachmentAddSchema.parse({ customerId, parentKind: 'dispute', parentId: disputeId, fileName: 'a.pdf', content: pdf })), {})).toEqual({ result: customerId, effects: [] });
  });

  it("keeps a note's file on the note's lineage, with the type from the name and the size of the bytes", () => {
    const { result, effects } = decide({ parentKind: 'note', parentId: noteId });
    const row = { id: newAttachmentId, customer_id: customerId, parent_kind: 'note', parent_id: lineageId, file_name: 'Remittance.pdf', media_type: 'application/pdf', size_bytes: Buffer.from(pdf, 'base64').length, created_by: ctx.userId, created_at: ctx.now };
    expect(result).toEqual(row);
    expect(effects.filter((effect) => effect.effect === 'insert')).toEqual([{ effect: 'insert', table: 'attachments', customerId, row, action: 'create' }]);
    expect(effects.filter((effect) => effect.effect === 'insertItems')).toEqual([{ effect: 'insertItems', table: 'attachment_contents', customerId, rows: [{ attachment_id: newAttachmentId, content: pdf }] }]);
  });

  it.each([
    ['dispute', disputeId],
    ['activity', activityId],
  ])('keeps a %s file under the row itself', (parentKind, parentId) => {
    const png = base64Of([...PNG_SIGNATURE, 1, 2, 3]);
    expect(decide({ parentKind, parentId, fileName: 'Proof.PNG', content: png }).result).toMatchObject({ parent_kind: parentKind, parent_id: parentId, media_type: 'image/png', size_bytes: 11 });
  });

  it.each([
    ['note', noteId],
    ['dispute', disputeId],
    ['activity', activityId],
  ])("refuses a %s of another customer, or one that does not exist, as not_found on parentId, writing nothing", (parentKind, parentId) => {
    for (const args of [{ customerId: otherCustomerId, parentKind, parentId }, { parentKind, parentId: '01900000-0000-7000-8000-0000000000ff' }]) {
      const effects: Effect[] = [];
      expect(refusal(() => decide(args, tables, effects))).toMatchObject({ code: 'not_found', field: 'parentId' });
      expect(writes(effects)).toEqual([]);
    }
  });

  it('refuses bytes that are not what the name says, as validation on content, writing nothing', () => {
    const effects: Effect[] = [];
    const error = refusal(() => decide({ parentKind: 'dispute', parentId: disputeId, content: base64Of([...PNG_SIGNATURE, 0]) }, tables, effects));
    expect(error).toMatchObject({ code: 'validation', field: 'content' });
    expect(writes(effects)).toEqual([]);
    expect(error.message).toBe(contentProblem('application/pdf', base64Of([...PNG_SIGNATURE, 0])));
    expect(error.toApiError()).toMatchObject({ reason: 'attachmentNotItsType', params: { mediaType: 'application/pdf' } });
    expect(refusal(() => decide({ parentKind: 'dispute', parentId: disputeId, content: '' }))).toMatchObject({ code: 'validation', field: 'content' });
  });

  it('refuses a kind of file not taken even when the schema was bypassed, as validation on fileName', () => {
    const args = { customerId, parentKind: 'dispute' as const, parentId: disputeId, fileName: 'setup.exe', content: pdf };
    expect(refusal(() => run(attachmentAdd.decide(ctx, args), tables))).toMatchObject({ code: 'validation', field: 'fileName' });
  });

  it(`takes up to ${ATTACHMENTS_PER_PARENT_MAX} files per parent (counted on a note's lineage), no more`, () => {
    const siblings = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `att-${index}`, parent_kind: 'note', parent_id: lineageId }));
    const otherParent = Array.from({ length: ATTACHMENTS_PER_PARENT_MAX }, (_, index) => ({ id: `other-${index}`, parent_kind: 'dispute', parent_id: lineageId }));
    expect(decide({ parentKind: 'note', parentId: noteId }, { ...tables, attachments: [...siblings(ATTACHMENTS_PER_PARENT_MAX - 1), ...otherParent] }).result).toMatchObject({ parent_id: lineageId });
    const effects: Effect[] = [];
    const error = refusal(() => decide({ parentKind: 'note', parentId: noteId }, { ...tables, attachments: siblings(ATTACHMENTS_PER_PARENT_MAX) }, effects));
    expect(error).toMatchObject({ code: 'validation', field: 'parentId' });
    expect(writes(effects)).toEqual([]);
    expect(error.message).toContain(String(ATTACHMENTS_PER_PARENT_MAX));
    expect(error.toApiError()).toMatchObject({ reason: 'noteAttachmentsFull', params: { max: ATTACHMENTS_PER_PARENT_MAX } });
  });
});
