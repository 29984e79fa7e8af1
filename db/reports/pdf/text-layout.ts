/**
 * Lays out text that Noto Sans alone cannot write: each character cluster goes to the first font
 * that has it (fonts.ts), lines break where Unicode allows (UAX #14, so Chinese breaks between
 * ideographs), and each line is put in visual order by the Unicode bidirectional algorithm, so an
 * Arabic or Hebrew note reads right to left with its numbers and Latin words the right way round.
 * The fonts and the measuring are given, so the layout is tested without a PDF.
 */
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import { LineBreaker } from 'linebreak';

/** Which family writes a code point (null: none), and whether a family has a glyph for one. */
export interface FontCoverage<Family extends string> {
  readonly familyFor: (codePoint: number) => Family | null;
  readonly has: (family: Family, codePoint: number) => boolean;
  readonly primary: Family;
  /** Families whose shaping reverses a right-to-left run itself (fontkit does for Arabic and Hebrew). */
  readonly shapesRightToLeft: (family: Family) => boolean;
}

/** One piece of a line drawn in one font, in the order it is drawn (left to right). */
export interface TextRun<Family extends string> {
  readonly text: string;
  readonly family: Family;
  readonly width: number;
}

export interface TextLine<Family extends string> {
  readonly runs: readonly TextRun<Family>[];
  readonly width: number;
}

export interface TextBlock<Family extends string> {
  readonly lines: readonly TextLine<Family>[];
  /** The first paragraph reads right to left: its lines align to the right edge. */
  readonly rightToLeft: boolean;
  /** Characters no font has, in the order met (drawn as the primary font's empty box). */
  readonly missing: readonly string[];
}

interface Cluster<Family extends string> {
  readonly text: string;
  readonly family: Family;
  /** Offset in the paragraph (UTF-16), which the bidi levels and break positions use. */
  readonly start: number;
}

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';
/** Variation selectors only choose a presentation; a font without them loses nothing by dropping them. */
const SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const STRONG_RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const NEUTRAL = /^[\s\p{P}\p{S}\p{N}]+$/u;

export function layoutText<Family extends string>(
  text: string,
  maxWidth: number,
  maxLines: number,
  coverage: FontCoverage<Family>,
  measure: (text: string, family: Family) => number,
): TextBlock<Family> {
  const missing = new Set<string>();
  const logical: { paragraph: string; levels: EmbeddingLevels; clusters: Cluster<Family>[] }[] = [];
  let rightToLeft: boolean | null = null;
  for (const paragraph of text.split('\n')) {
    const levels = bidi.getEmbeddingLevels(paragraph, 'auto');
    rightToLeft ??= (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
    const broken = breakLines(paragraph, clustersOf(paragraph, coverage, missing), maxWidth, measure);
    if (broken.length === 0) logical.push({ paragraph, levels, clusters: [] });
    for (const clusters of broken) logical.push({ paragraph, levels, clusters });
    if (logical.length > maxLines) break;
  }
  const kept = logical.slice(0, Math.max(1, maxLines));
  const last = kept.at(-1);
  if (logical.length > kept.length && last !== undefined) last.clusters = withEllipsis(last.clusters, maxWidth, coverage, measure);
  return {
    lines: kept.map((line) => visualLine(line.paragraph, line.clusters, line.levels, coverage, measure)),
    rightToLeft: rightToLeft ?? false,
    missing: [...missing],
  };
}

/** The paragraph's grapheme clusters, each with the family that writes its first character. */
function clustersOf<Family extends string>(paragraph: string, coverage: FontCoverage<Family>, missing: Set<string>): Cluster<Family>[] {
  const out: Cluster<Family>[] = [];
  let previous: Family | null = null;
  for (const { segment, index } of graphemes.segment(paragraph)) {
    const base = segment.codePointAt(0) ?? 0;
    let family: Family | null;
    // Spaces, punctuation and digits after right-to-left text stay in its font where it has them, so
    // an Arabic phrase is shaped and ordered as one run; elsewhere they take the primary font (an
    // emoji font's space is as wide as an emoji).
    if (previous !== null && coverage.shapesRightToLeft(previous) && NEUTRAL.test(segment) && coverage.has(previous, base)) family = previous;
    else family = coverage.familyFor(base);
    if (family === null) {
      missing.add(segment);
      family = coverage.primary;
    }
    const kept = (segment.match(/./gsu) ?? []).filter((char, position) => {
      const codePoint = char.codePointAt(0) ?? 0;
      if (position === 0 || coverage.has(family, codePoint)) return true;
      if (SELECTOR.test(char)) return false;
      missing.add(char);
      return true;
    });
    out.push({ text: kept.join(''), family, start: index });
    previous = family;
  }
  return out;
}

function widthOf<Family extends string>(clusters: readonly Cluster<Family>[], measure: (text: string, family: Family) => number): number {
  let width = 0;
  let start = 0;
  for (let index = 1; index <= clusters.length; index += 1) {
    const first = clusters[start];
    if (first === undefined) break;
    if (index === clusters.length || clusters[index]?.family !== first.family) {
      width += measure(
        clusters
          .slice(start, index)
          .map((cluster) => cluster.text)
          .join(''),
        first.family,
      );
      start = index;
    }
  }
  return width;
}

const isSpace = (cluster: Cluster<string>): boolean => /^\s+$/u.test(cluster.text);

function trimEnd<Family extends string>(clusters: Cluster<Family>[]): Cluster<Family>[] {
  let end = clusters.length;
  while (end > 0 && isSpace(clusters[end - 1] as Cluster<Family>)) end -= 1;
  return clusters.slice(0, end);
}

/** Greedy lines at UAX #14 break opportunities; a word wider than a line is cut between clusters. */
function breakLines<Family extends string>(
  paragraph: string,
  clusters: readonly Cluster<Family>[],
  maxWidth: number,
  measure: (text: string, family: Family) => number,
): Cluster<Family>[][] {
  if (clusters.length === 0) return [];
  const words: Cluster<Family>[][] = [];
  const breaker = new LineBreaker(paragraph);
  let cursor = 0;
  for (let found = breaker.nextBreak(); found !== null; found = breaker.nextBreak()) {
    const word: Cluster<Family>[] = [];
    while (cursor < clusters.length && (clusters[cursor] as Cluster<Family>).start < found.position) {
      word.push(clusters[cursor] as Cluster<Family>);
      cursor += 1;
    }
    if (word.length > 0) words.push(word);
  }
  if (cursor < clusters.length) words.push(clusters.slice(cursor));

  const lines: Cluster<Family>[][] = [];
  let line: Cluster<Family>[] = [];
  let lineWidth = 0;
  for (const word of words) {
    const wordWidth = widthOf(trimEnd([...word]), measure);
    if (line.length > 0 && lineWidth + wordWidth > maxWidth) {
      lines.push(trimEnd(line));
      line = [];
      lineWidth = 0;
    }
    if (wordWidth > maxWidth) {
      for (const cluster of word) {
        const clusterWidth = widthOf([cluster], measure);
        if (line.length > 0 && lineWidth + clusterWidth > maxWidth && !isSpace(cluster)) {
          lines.push(trimEnd(line));
          line = [];
          lineWidth = 0;
        }
        line.push(cluster);
        lineWidth += clusterWidth;
      }
      continue;
    }
    line.push(...word);
    lineWidth += widthOf(word, measure);
  }
  if (line.length > 0) lines.push(trimEnd(line));
  return lines;
}

/** The line shortened until it and an ellipsis fit the width. */
function withEllipsis<Family extends string>(
  clusters: Cluster<Family>[],
  maxWidth: number,
  coverage: FontCoverage<Family>,
  measure: (text: string, family: Family) => number,
): Cluster<Family>[] {
  const last = clusters.at(-1);
  const ellipsis: Cluster<Family> = { text: ELLIPSIS, family: coverage.primary, start: last === undefined ? 0 : last.start + last.text.length };
  const kept = [...clusters];
  while (kept.length > 0 && widthOf([...kept, ellipsis], measure) > maxWidth) kept.pop();
  return [...trimEnd(kept), ellipsis];
}

/**
 * The line's clusters in visual order (rule L2: from the highest level down to the lowest odd one,
 * reverse every run at that level or above), grouped into runs of one font. A right-to-left run in a
 * font whose shaping reverses it is handed over in logical order, for joining; any other is
 * mirrored ("(" becomes ")") and reversed here.
 */
function visualLine<Family extends string>(
  paragraph: string,
  clusters: readonly Cluster<Family>[],
  levels: EmbeddingLevels,
  coverage: FontCoverage<Family>,
  measure: (text: string, family: Family) => number,
): TextLine<Family> {
  const levelOf = (cluster: Cluster<Family>): number =>
    cluster.text === ELLIPSIS && cluster.start >= paragraph.length ? (levels.paragraphs[0]?.level ?? 0) : (levels.levels[cluster.start] ?? 0);
  const items = clusters.map((cluster) => ({ cluster, level: levelOf(cluster) }));
  const highest = Math.max(0, ...items.map((item) => item.level));
  const lowestOdd = Math.min(...items.map((item) => item.level).filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let start = 0;
    while (start < items.length) {
      if ((items[start]?.level ?? 0) < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end < items.length && (items[end]?.level ?? 0) >= level) end += 1;
      items.splice(start, end - start, ...items.slice(start, end).reverse());
      start = end;
    }
  }

  const runs: TextRun<Family>[] = [];
  let index = 0;
  while (index < items.length) {
    const first = items[index] as (typeof items)[number];
    const rightToLeft = first.level % 2 === 1;
    let end = index + 1;
    while (end < items.length && items[end]?.cluster.family === first.cluster.family && (items[end]?.level ?? 0) % 2 === (rightToLeft ? 1 : 0)) end += 1;
    const group = items.slice(index, end).map((item) => item.cluster);
    const logical = group.map((cluster) => cluster.text).join('');
    let drawn: string;
    if (!rightToLeft) drawn = logical;
    else if (coverage.shapesRightToLeft(first.cluster.family) && STRONG_RIGHT_TO_LEFT.test(logical))
      drawn = [...group]
        .reverse()
        .map((cluster) => mirrored(paragraph, levels, cluster))
        .join('');
    else drawn = group.map((cluster) => mirrored(paragraph, levels, cluster)).join('');
    runs.push({ text: drawn, family: first.cluster.family, width: measure(drawn, first.cluster.family) });
    index = end;
  }
  return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
}

function mirrored<Family extends string>(paragraph: string, levels: EmbeddingLevels, cluster: Cluster<Family>): string {
  if (cluster.start >= paragraph.length) return cluster.text;
  const map = bidi.getMirroredCharactersMap(paragraph, levels.levels, cluster.start, cluster.start + cluster.text.length - 1);
  const replacement = map.get(cluster.start);
  return replacement === undefined ? cluster.text : replacement + cluster.text.slice(1);
}
