// Which licences the app's production dependencies (what ships to users) may carry. Checked by
// tests/integration/release/licences.test.ts against license-checker's reading of node_modules.

/** SPDX identifiers we ship without asking: permissive licences with no copyleft. */
export const ALLOWED_LICENCES = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'Python-2.0',
  'Unlicense',
  'CC0-1.0',
  'Zlib',
];

/**
 * Packages whose declared licence the checker cannot accept by itself, each with the decision
 * taken and why. `licence` is what license-checker reports; a new version reporting something
 * else fails the check until the decision is looked at again.
 */
export const LICENCE_DECISIONS = {
  jszip: {
    licence: '(MIT OR GPL-3.0-or-later)',
    decision: 'used under MIT',
    why: 'dual-licensed; we take the MIT option, so no GPL obligations arise (exceljs writes XLSX through it)',
  },
  chainsaw: {
    licence: 'MIT*',
    decision: 'MIT',
    why: 'package.json says "MIT/X11", which is MIT; the checker only marks it as guessed',
  },
  'png-js': {
    licence: 'MIT*',
    decision: 'MIT',
    why: 'its LICENSE file is the MIT licence; package.json does not repeat it (pdfkit draws images with it)',
  },
  ...Object.fromEntries(
    [
      ['noto-sans', 'Latin (with every diacritic), Greek and Cyrillic'],
      ['noto-sans-arabic', 'Arabic, shaped right to left'],
      ['noto-sans-hebrew', 'Hebrew'],
      ['noto-sans-sc', 'Simplified Chinese (and Japanese kana)'],
      ['noto-sans-symbols-2', 'symbols (check marks, arrows, shapes)'],
      ['noto-emoji', 'emoji, in black and white'],
    ].map(([name, writes]) => [
      `@expo-google-fonts/${name}`,
      {
        licence: 'MIT AND OFL-1.1',
        decision: 'accepted: the package code under MIT, the Noto font under the SIL Open Font Licence 1.1',
        why: `the PDF documents embed subsets of it to print ${writes} as written; OFL 1.1 allows embedding the font in documents and shipping it with the app (not selling it alone), and the installer carries the licence (LICENSE_FONT) with the font files`,
      },
    ]),
  ),
  buffers: {
    licence: 'UNKNOWN',
    decision: 'accepted for now, to be removed',
    why: 'declares no licence and its author never merged the offered MIT licence; it comes with exceljs -> unzipper -> binary, the streaming XLSX reader the server import reads workbooks with. Removed when exceljs drops unzipper 0.10 or the import reads workbooks through a zip reader of its own',
  },
};
