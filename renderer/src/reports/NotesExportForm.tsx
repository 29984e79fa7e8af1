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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import { CHANNELS, OUTCOMES, type Channel, type Outcome } from '../../../shared/domain/codes';
import { CHANNEL_LABELS, OUTCOME_LABELS } from '../../../shared/domain/labels';
import { REPORT_ENTRY_TYPE_LABELS } from '../../../shared/domain/report-entries';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { usePrefs } from '../app/prefs';
import { useDebounced } from '../app/useDebounced';
import { pluralize } from '../common/format';
import { ExportJobPanel } from './ExportJobPanel';
import { FormatField } from './FormatField';
import { ENTRY_TYPES, initialNotesForm, localErrors, notesExportOf, notesFieldOf, notesFilterOf, type NotesField, type NotesFormState } from './notesForm';
import { ScopeField } from './ScopeField';
import { useExportJob } from './useExportJob';

const PREVIEW_DEBOUNCE_MS = 300;
const FIELD_LABELS: Record<NotesField, string> = {
  scope: 'Scope',
  from: 'From',
  to: 'To',
  types: 'Entry types',
  channels: 'Channels',
  outcomes: 'Outcomes',
  format: 'Format',
};

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

function Preview({ count, customers, loading, failure }: { count: number | undefined; customers: number | undefined; loading: boolean; failure: string | undefined }) {
  return (
    <Box role="status" aria-live="polite" sx={{ opacity: loading ? 0.6 : 1, transition: 'opacity 120ms' }} data-testid="notes-preview">
      {failure !== undefined ? (
        <Typography variant="body2" color="error">
          Could not count the entries: {failure}
        </Typography>
      ) : count === undefined || customers === undefined ? (
        <Typography variant="body2" color="text.secondary">
          Counting…
        </Typography>
      ) : (
        <Typography variant="h3" component="p">
          {pluralize(count, 'entry', 'entries')} for {pluralize(customers, 'customer')}
        </Typography>
      )}
    </Box>
  );
}

/** "Export portfolio notes": who, when, which entries, which format; a live count, then the export job. */
export function NotesExportForm({ asOf }: { asOf: string }) {
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
    if (apiError && apiField === field) return `${FIELD_LABELS[field]}: ${apiError.message}`;
    // Only after Export: an empty list while choosing is not yet a mistake.
    return submitted || field === 'to' ? local[field] : undefined;
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
          What to export
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
            Dates (UTC, both included)
          </FormLabel>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <TextField
              type="date"
              size="small"
              label="From"
              value={form.from}
              onChange={(event) => {
                patch({ from: event.target.value });
              }}
              error={errorOf('from') !== undefined}
              helperText={errorOf('from')}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ width: 190 }}
            />
            <TextField
              type="date"
              size="small"
              label="To"
              value={form.to}
              onChange={(event) => {
                patch({ to: event.target.value });
              }}
              error={errorOf('to') !== undefined}
              helperText={errorOf('to')}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ width: 190 }}
            />
          </Box>
        </FormControl>
        <FormControl component="fieldset" error={errorOf('types') !== undefined}>
          <FormLabel component="legend">Entry types</FormLabel>
          <FormGroup row>
            {ENTRY_TYPES.map((type) => (
              <FormControlLabel
                key={type}
                control={
                  <Checkbox
                    size="small"
                    checked={form.types.includes(type)}
                    onChange={() => {
                      patch({ types: ENTRY_TYPES.filter((t) => (t === type ? !form.types.includes(type) : form.types.includes(t))) });
                    }}
                  />
                }
                label={REPORT_ENTRY_TYPE_LABELS[type]}
              />
            ))}
          </FormGroup>
          {errorOf('types') !== undefined && <FormHelperText>{errorOf('types')}</FormHelperText>}
        </FormControl>
        <FormControl component="fieldset" error={errorOf('channels') !== undefined} sx={{ display: 'grid', gap: 1 }}>
          <FormLabel component="legend" sx={{ mb: 1 }}>
            Channels <Typography component="span" variant="caption" color="text.secondary">(narrow contacts only; none chosen = any)</Typography>
          </FormLabel>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {CHANNELS.map((channel: Channel) => {
              const on = form.channels.includes(channel);
              return (
                <Chip
                  key={channel}
                  label={CHANNEL_LABELS[channel]}
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
            Outcomes (contacts only)
          </InputLabel>
          <Select
            labelId="notes-outcomes-label"
            label="Outcomes (contacts only)"
            notched
            multiple
            displayEmpty
            value={[...form.outcomes]}
            onChange={(event) => {
              const next = event.target.value;
              patch({ outcomes: (typeof next === 'string' ? next.split(',') : next) as Outcome[] });
            }}
            renderValue={(selected) => (selected.length === 0 ? 'Any outcome' : selected.map((outcome) => OUTCOME_LABELS[outcome]).join(', '))}
          >
            {OUTCOMES.map((outcome) => (
              <MenuItem key={outcome} value={outcome} dense>
                <Checkbox size="small" checked={form.outcomes.includes(outcome)} sx={{ py: 0 }} />
                <ListItemText primary={OUTCOME_LABELS[outcome]} />
              </MenuItem>
            ))}
          </Select>
          {errorOf('outcomes') !== undefined && <FormHelperText>{errorOf('outcomes')}</FormHelperText>}
        </FormControl>
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="notes-export-title" sx={{ p: 2, display: 'grid', gap: 2, position: { lg: 'sticky' }, top: 0 }}>
        <Typography variant="h2" id="notes-export-title">
          Export
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
          failure={preview.error && notesFieldOf(preview.error.field) === undefined ? preview.error.message : undefined}
        />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Button variant="contained" startIcon={<FileDownload />} onClick={exportNow} disabled={job.starting || job.running} data-testid="notes-export">
            {preview.data ? `Export ${pluralize(preview.data.count, 'entry', 'entries')}` : 'Export'}
          </Button>
        </Box>
        <ExportJobPanel job={job} shownOnField={(field) => notesFieldOf(field) !== undefined} />
      </Paper>
    </Box>
  );
}
