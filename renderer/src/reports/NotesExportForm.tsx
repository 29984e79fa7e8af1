import FileDownload from '@mui/icons-material/FileDownloadOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result';
import { CHANNELS, OUTCOMES, type Channel, type Outcome } from '../../../shared/domain/codes';
import type { ReportEntryType } from '../../../shared/domain/report-entries';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { usePrefs } from '../app/prefs';
import { useDebounced } from '../app/useDebounced';
import { DateField } from '../common/DateField';
import { formatCount } from '../common/format';
import { CHANNEL_LABEL_KEYS, OUTCOME_LABEL_KEYS } from '../common/labels';
import { ExportJobPanel } from './ExportJobPanel';
import { FormatField } from './FormatField';
import { ENTRY_TYPES, initialNotesForm, localErrors, notesExportOf, notesFieldOf, notesFilterOf, type NotesField, type NotesFormState } from './notesForm';
import { ScopeField } from './ScopeField';
import { useExportJob } from './useExportJob';
import { errorText } from '../i18n/errorText';

const PREVIEW_DEBOUNCE_MS = 300;
const FIELD_LABELS = {
  scope: 'reports.notes.field.scope',
  from: 'reports.notes.field.from',
  to: 'reports.notes.field.to',
  types: 'reports.notes.field.types',
  channels: 'reports.notes.field.channels',
  outcomes: 'reports.notes.field.outcomes',
  format: 'reports.notes.field.format',
} as const satisfies Record<NotesField, string>;
const ENTRY_TYPE_LABELS = {
  contact: 'reports.notes.entryType.contact',
  note: 'reports.notes.entryType.note',
  promise: 'reports.notes.entryType.promise',
  dispute: 'reports.notes.entryType.dispute',
} as const satisfies Record<ReportEntryType, string>;

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

function Preview({ count, customers, loading, failure }: { count: number | undefined; customers: number | undefined; loading: boolean; failure: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Box role="status" aria-live="polite" sx={{ opacity: loading ? 0.6 : 1, transition: 'opacity 120ms' }} data-testid="notes-preview">
      {failure !== undefined ? (
        <Typography variant="body2" color="error">
          {t('reports.notes.countFailed', { reason: failure })}
        </Typography>
      ) : count === undefined || customers === undefined ? (
        <Typography variant="body2" color="text.secondary">
          {t('reports.notes.counting')}
        </Typography>
      ) : (
        <Typography variant="h3" component="p">
          {t('reports.notes.preview', {
            entries: t('reports.notes.entries', { count, n: formatCount(count) }),
            customers: t('reports.customers', { count: customers, n: formatCount(customers) }),
          })}
        </Typography>
      )}
    </Box>
  );
}

/** "Export portfolio notes": who, when, which entries, which format; a live count, then the export job. */
export function NotesExportForm({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const { prefs } = usePrefs();
  const [form, setForm] = useState<NotesFormState>(() => initialNotesForm(asOf));
  const [submitted, setSubmitted] = useState(false);
  const job = useExportJob();
  // The export's error about a field is history once that field is edited; a new failure shows again.
  const [dismissed, setDismissed] = useState<ApiError | undefined>();
  const patch = (next: Partial<NotesFormState>) => {
    setForm((previous) => ({ ...previous, ...next }));
    const field = notesFieldOf(job.error?.field);
    if (field !== undefined && Object.hasOwn(next, field)) setDismissed(job.error);
  };

  const local = localErrors(form);
  const filter = useMemo(() => notesFilterOf(form, prefs.lastFilters), [form, prefs.lastFilters]);
  const previewKey = useDebounced(Object.keys(local).length === 0 ? JSON.stringify(filter) : '', PREVIEW_DEBOUNCE_MS);
  const preview = useQuery(`notes-count:${previewKey}`, () =>
    previewKey === '' ? Promise.resolve({ ok: true as const, value: null }) : api['report.notesCount'](JSON.parse(previewKey) as typeof filter),
  );

  const apiError = (job.error === dismissed ? undefined : job.error) ?? preview.error;
  const apiField = notesFieldOf(apiError?.field);
  const errorOf = (field: NotesField): string | undefined => {
    if (apiError && apiField === field) return t('reports.notes.fieldError', { field: t(FIELD_LABELS[field]), message: errorText(apiError) });
    // Only after Export: an empty list while choosing is not yet a mistake; a date is judged as typed.
    const key = submitted || field === 'from' || field === 'to' ? local[field] : undefined;
    return key === undefined ? undefined : t(key);
  };

  const exportNow = () => {
    setSubmitted(true);
    if (Object.keys(localErrors(form)).length > 0) return;
    job.start(notesExportOf(form, prefs.lastFilters));
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(320px, 2fr)' }, gap: 2, alignItems: 'start' }}>
      <Paper variant="outlined" component="section" aria-labelledby="notes-what-title" sx={{ p: 2, display: 'grid', gap: 2.5 }}>
        <Typography variant="h2" id="notes-what-title">
          {t('reports.notes.whatTitle')}
        </Typography>
        <ScopeField
          value={form.scope}
          error={errorOf('scope')}
          onChange={(scope) => {
            patch({ scope });
          }}
        />
        <FormControl component="fieldset" sx={{ display: 'grid', gap: 1 }}>
          <FormLabel component="legend" sx={{ mb: 1 }}>
            {t('reports.notes.dates')}
          </FormLabel>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <DateField
              size="small"
              label={t('reports.notes.from')}
              value={form.from}
              onChange={(from) => {
                patch({ from });
              }}
              error={errorOf('from') !== undefined}
              helperText={errorOf('from')}
              sx={{ width: 190 }}
            />
            <DateField
              size="small"
              label={t('reports.notes.to')}
              value={form.to}
              onChange={(to) => {
                patch({ to });
              }}
              error={errorOf('to') !== undefined}
              helperText={errorOf('to')}
              sx={{ width: 190 }}
            />
          </Box>
        </FormControl>
        <FormControl component="fieldset" error={errorOf('types') !== undefined}>
          <FormLabel component="legend">{t('reports.notes.entryTypes')}</FormLabel>
          <FormGroup row>
            {ENTRY_TYPES.map((type) => (
              <FormControlLabel
                key={type}
                control={
                  <Checkbox
                    size="small"
                    checked={form.types.includes(type)}
                    onChange={() => {
                      patch({ types: ENTRY_TYPES.filter((entry) => (entry === type ? !form.types.includes(type) : form.types.includes(entry))) });
                    }}
                  />
                }
                label={t(ENTRY_TYPE_LABELS[type])}
              />
            ))}
          </FormGroup>
          {errorOf('types') !== undefined && <FormHelperText>{errorOf('types')}</FormHelperText>}
        </FormControl>
        <FormControl component="fieldset" error={errorOf('channels') !== undefined} sx={{ display: 'grid', gap: 1 }}>
          <FormLabel component="legend" sx={{ mb: 1 }}>
            {t('reports.notes.channels')}{' '}
            <Typography component="span" variant="caption" color="text.secondary">
              {t('reports.notes.channelsHint')}
            </Typography>
          </FormLabel>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {CHANNELS.map((channel: Channel) => {
              const on = form.channels.includes(channel);
              return (
                <Chip
                  key={channel}
                  label={t(CHANNEL_LABEL_KEYS[channel])}
                  color={on ? 'primary' : 'default'}
                  variant={on ? 'filled' : 'outlined'}
                  aria-pressed={on}
                  onClick={() => {
                    patch({ channels: toggle(form.channels, channel) });
                  }}
                />
              );
            })}
          </Box>
          {errorOf('channels') !== undefined && <FormHelperText>{errorOf('channels')}</FormHelperText>}
        </FormControl>
        <FormControl size="small" error={errorOf('outcomes') !== undefined} sx={{ maxWidth: 480 }}>
          <InputLabel id="notes-outcomes-label" shrink>
            {t('reports.notes.outcomes')}
          </InputLabel>
          <Select
            labelId="notes-outcomes-label"
            label={t('reports.notes.outcomes')}
            notched
            multiple
            displayEmpty
            value={[...form.outcomes]}
            onChange={(event) => {
              const next = event.target.value;
              patch({ outcomes: (typeof next === 'string' ? next.split(',') : next) as Outcome[] });
            }}
            renderValue={(selected) => (selected.length === 0 ? t('reports.notes.anyOutcome') : selected.map((outcome) => t(OUTCOME_LABEL_KEYS[outcome])).join(', '))}
          >
            {OUTCOMES.map((outcome) => (
              <MenuItem key={outcome} value={outcome} dense>
                <Checkbox size="small" checked={form.outcomes.includes(outcome)} sx={{ py: 0 }} />
                <ListItemText primary={t(OUTCOME_LABEL_KEYS[outcome])} />
              </MenuItem>
            ))}
          </Select>
          {errorOf('outcomes') !== undefined && <FormHelperText>{errorOf('outcomes')}</FormHelperText>}
        </FormControl>
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="notes-export-title" sx={{ p: 2, display: 'grid', gap: 2, position: { lg: 'sticky' }, top: 0 }}>
        <Typography variant="h2" id="notes-export-title">
          {t('reports.notes.exportTitle')}
        </Typography>
        <FormatField
          value={form}
          sheetOption
          error={errorOf('format')}
          onChange={(format) => {
            patch(format);
          }}
        />
        <Preview
          count={preview.data?.count}
          customers={preview.data?.customers}
          loading={preview.loading}
          failure={preview.error && notesFieldOf(preview.error.field) === undefined ? errorText(preview.error, { showField: true }) : undefined}
        />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Button variant="contained" startIcon={<FileDownload />} onClick={exportNow} disabled={job.starting || job.running} data-testid="notes-export">
            {preview.data ? t('reports.notes.exportEntries', { count: preview.data.count, n: formatCount(preview.data.count) }) : t('reports.notes.export')}
          </Button>
        </Box>
        <ExportJobPanel job={job} shownOnField={(field) => notesFieldOf(field) !== undefined} />
      </Paper>
    </Box>
  );
}
