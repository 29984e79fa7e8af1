import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDebounced } from '../app/useDebounced';
import { ROLE_LABEL_KEYS } from '../common/labels';
import { usePrefs } from '../app/prefs';
import { bucketLabel } from './agingGroups';
import type { PickedCustomer, ScopeKind, ScopeState } from './notesForm';
import { worklistFilterText } from './worklistFilterText';
import { useUsers } from '../collector/useUsers';

const SCOPE_LABELS = {
  all: 'reports.scope.kind.all',
  collectors: 'reports.scope.kind.collectors',
  customers: 'reports.scope.kind.customers',
  worklist: 'reports.scope.kind.worklist',
} as const satisfies Record<ScopeKind, string>;
const SCOPES = Object.keys(SCOPE_LABELS) as ScopeKind[];
const SEARCH_DEBOUNCE_MS = 200;

export function useCollectors() {
  const users = useUsers();
  return useMemo(() => [...(users.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName)), [users.data]);
}

function CollectorPicker({ value, onChange, error }: { value: readonly string[]; onChange: (ids: string[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const collectors = useCollectors();
  const chosen = collectors.filter((user) => value.includes(user.id));
  return (
    <Autocomplete
      multiple
      size="small"
      options={collectors}
      value={chosen}
      getOptionLabel={(user) => user.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderOption={(props, user) => (
        <li {...props} key={user.id}>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', width: '100%', gap: 2 }}>
            <span>{user.displayName}</span>
            <Typography variant="caption" color="text.secondary">
              {t(ROLE_LABEL_KEYS[user.role])}
            </Typography>
          </Box>
        </li>
      )}
      onChange={(_event, users) => {
        onChange(users.map((user) => user.id));
      }}
      renderInput={(params) => <TextField {...params} label={t('reports.scope.collectors')} placeholder={t('reports.scope.addCollector')} error={error !== undefined} helperText={error} />}
    />
  );
}

function CustomerPicker({ value, onChange, error }: { value: readonly PickedCustomer[]; onChange: (customers: PickedCustomer[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim(), SEARCH_DEBOUNCE_MS);
  const hits = useQuery(`report-customer-search:${q}`, () => (q === '' ? Promise.resolve({ ok: true as const, value: [] }) : api['search.global']({ q, limit: 30 })));
  const options = useMemo(() => {
    const seen = new Map<string, PickedCustomer>();
    for (const hit of hits.data ?? []) {
      if (!seen.has(hit.customerId)) seen.set(hit.customerId, { customerId: hit.customerId, number: hit.customerNumber, name: hit.customerName });
    }
    return [...seen.values()];
  }, [hits.data]);
  return (
    <Autocomplete
      multiple
      size="small"
      options={options}
      value={[...value]}
      filterOptions={(all) => all}
      loading={hits.loading && q !== ''}
      inputValue={input}
      onInputChange={(_event, next, reason) => {
        if (reason !== 'reset') setInput(next);
      }}
      noOptionsText={q === '' ? t('reports.scope.typeToSearch') : t('reports.scope.noCustomer')}
      getOptionLabel={(customer) => `${customer.name} (${customer.number})`}
      isOptionEqualToValue={(a, b) => a.customerId === b.customerId}
      onChange={(_event, customers) => {
        onChange(customers);
        setInput('');
      }}
      renderInput={(params) => <TextField {...params} label={t('reports.scope.customers')} placeholder={t('reports.scope.searchCustomers')} error={error !== undefined} helperText={error} />}
    />
  );
}

function WorklistScopeText() {
  const { t } = useTranslation();
  const { prefs } = usePrefs();
  const facets = useQuery('worklist.facets', () => api['worklist.facets']({}));
  const bucketLabels = useMemo(() => Object.fromEntries((facets.data?.buckets ?? []).map((bucket) => [bucket.key, bucketLabel(t, bucket)])), [facets.data, t]);
  return (
    <Typography variant="body2" color="text.secondary" data-testid="worklist-scope">
      {t('reports.scope.worklist', { filter: worklistFilterText(t, prefs.lastFilters, bucketLabels) })}
    </Typography>
  );
}

/** Which customers a report covers. */
export function ScopeField({ value, onChange, error, kinds = SCOPES }: { value: ScopeState; onChange: (next: ScopeState) => void; error: string | undefined; kinds?: readonly ScopeKind[] }) {
  const { t } = useTranslation();
  // The pickers show their own error; any other scope error goes under the choice.
  const looseError = value.kind === 'collectors' || value.kind === 'customers' ? undefined : error;
  return (
    <FormControl component="fieldset" error={looseError !== undefined} sx={{ display: 'grid', gap: 1 }}>
      <FormLabel component="legend" sx={{ mb: 0.5 }}>
        {t('reports.scope.legend')}
      </FormLabel>
      <RadioGroup
        row
        value={value.kind}
        onChange={(event) => {
          onChange({ ...value, kind: event.target.value as ScopeKind });
        }}
      >
        {kinds.map((kind) => (
          <FormControlLabel key={kind} value={kind} control={<Radio size="small" />} label={t(SCOPE_LABELS[kind])} />
        ))}
      </RadioGroup>
      {value.kind === 'collectors' && (
        <CollectorPicker
          value={value.collectorIds}
          error={error}
          onChange={(collectorIds) => {
            onChange({ ...value, collectorIds });
          }}
        />
      )}
      {value.kind === 'customers' && (
        <CustomerPicker
          value={value.customers}
          error={error}
          onChange={(customers) => {
            onChange({ ...value, customers });
          }}
        />
      )}
      {value.kind === 'worklist' && <WorklistScopeText />}
      {looseError !== undefined && <FormHelperText>{looseError}</FormHelperText>}
    </FormControl>
  );
}
