/**
 * Pseudo-localisation: English with every letter accented and about 40 % added, in brackets, so a
 * string that bypasses the translation files reads plain, and a label cut off by a longer language
 * loses its closing bracket. Placeholders (`{{count}}`), nested keys (`$t(…)`) and markup tags
 * (`<1>`, `</1>`) are kept as they are, since i18next must still find them.
 */
const ACCENTED: Readonly<Record<string, string>> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'δ', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ô', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Đ', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

const PROTECTED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+>|<\/?[a-z]+\s*\/?>)/;
const GROWTH = 0.4;
const FILLER = '·';

export function pseudoLocalize(text: string): string {
  if (text === '') return text;
  let letters = 0;
  const body = text
    .split(PROTECTED)
    .map((part, index) => {
      // split() with one capturing group puts the protected pieces at the odd indexes.
      if (index % 2 === 1) return part;
      return part.replace(/[A-Za-z]/g, (char) => {
        letters += 1;
        return ACCENTED[char] ?? char;
      });
    })
    .join('');
  return `[${body}${FILLER.repeat(Math.ceil(letters * GROWTH))}]`;
}

/** The pseudo-localised copy of a tree of strings. */
export function pseudoLocalizeTree(tree: unknown): unknown {
  if (typeof tree === 'string') return pseudoLocalize(tree);
  if (tree === null || typeof tree !== 'object') return tree;
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, pseudoLocalizeTree(value)]));
}

/**
 * The pseudo-localised copy of a typed catalog whose texts with values are functions of strings
 * (shared/i18n/desktop): each function's text is accented around `{{n}}` marks in the values'
 * places, so the values themselves (a host, a version, a file) stay as they are.
 */
export function pseudoLocalizeCatalog<T extends object>(catalog: T): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return pseudoLocalize(node);
    if (typeof node === 'function') {
      const text = node as (...values: string[]) => string;
      return (...values: string[]) =>
        pseudoLocalize(text(...values.map((_, index) => `{{${String(index)}}}`))).replace(/\{\{(\d+)\}\}/g, (mark, index: string) => values[Number(index)] ?? mark);
    }
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
  };
  return walk(catalog) as T;
}
