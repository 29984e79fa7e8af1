/** A kept import run as lines of text, for the admin CLI and the drop folder's report files. */
import type { ImportRun, ImportRunSummary } from './runs';

const OUTCOME_TEXT: Readonly<Record<ImportRun['outcome'], string>> = {
  imported: 'imported',
  imported_partially: 'imported the valid rows',
  rejected: 'nothing applied: rows refused',
  dry_run: 'dry run',
  failed: 'not read',
  duplicate: 'already imported: skipped',
};

/** One line per run: when, where from, which file, what came of it. */
export function runLine(run: ImportRunSummary): string {
  const counts = Object.entries(run.counts)
    .map(([entity, c]) => `${entity} ${String(c.inserted)}+ ${String(c.updated)}~ ${String(c.unchanged)}=`)
    .join(', ');
  return [run.startedAt, run.id, run.origin, run.file?.name ?? '-', run.source, OUTCOME_TEXT[run.outcome], counts === '' ? '-' : counts, `${String(run.rejectionCount)} refused`].join('\t');
}

/** A run in full: its header, the counts per entity, every kept refusal. */
export function runDetail(run: ImportRun): string[] {
  const lines = [
    `Run ${run.id} (${run.origin}): ${OUTCOME_TEXT[run.outcome]}`,
    `  started ${run.startedAt}, finished ${run.finishedAt}`,
    `  read as ${run.source}`,
  ];
  if (run.file !== null) lines.push(`  file ${run.file.name}, ${String(run.file.bytes)} bytes, SHA-256 ${run.file.sha256}`);
  if (run.message !== null) lines.push(`  ${run.message}`);
  for (const [entity, c] of Object.entries(run.counts)) lines.push(`  ${entity}: ${String(c.inserted)} inserted, ${String(c.updated)} updated, ${String(c.unchanged)} unchanged`);
  for (const r of run.rejections) lines.push(`line ${String(r.line)}, column ${r.column}${r.entity === undefined ? '' : ` (${r.entity})`}: ${JSON.stringify(r.value)}: ${r.reason}`);
  if (run.rejectionCount > run.rejections.length) lines.push(`… and ${String(run.rejectionCount - run.rejections.length)} more refusal(s), not kept`);
  return lines;
}
