import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SEARCH_HIT_KINDS } from '../../../shared/api/schemas';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';

const KIND_KEYS = {
  customer: 'worklist.search.kind.customer',
  contact: 'worklist.search.kind.contact',
  document: 'worklist.search.kind.document',
  reference: 'worklist.search.kind.reference',
  note: 'worklist.search.kind.note',
} as const satisfies Readonly<Record<(typeof SEARCH_HIT_KINDS)[number], string>>;

export const MAX_MATCHES = 8;

/**
 * What the search text matched besides customer names (documents, contacts, references, notes),
 * each a shortcut straight to the account, so "who sent invoice 9000000625?" is one click.
 */
export const SearchMatches = memo(function SearchMatches({ search }: { search: string }) {
  const { t } = useTranslation();
  const hits = useQuery(`search:${search}`, () => api['search.global']({ q: search, limit: MAX_MATCHES }));
  const shown = (hits.data ?? []).filter((hit) => hit.kind !== 'customer');
  if (shown.length === 0) return null;
  return (
    <Box
      component="nav"
      aria-label={t('worklist.search.otherMatches')}
      sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, pb: 1, flexWrap: 'wrap', opacity: hits.fresh ? 1 : 0.6 }}
    >
      <Typography variant="caption" color="text.secondary">
        {t('worklist.search.alsoMatches')}
      </Typography>
      {shown.map((hit) => (
        <Chip
          key={`${hit.kind}-${hit.customerId}-${hit.label}`}
          size="small"
          variant="outlined"
          clickable
          component="a"
          href={`#/customer/${hit.customerId}`}
          onClick={(event) => {
            event.preventDefault();
            openCustomer(hit.customerId);
          }}
          label={t('worklist.search.match', { kind: t(KIND_KEYS[hit.kind]), label: hit.label, customer: hit.customerName })}
          sx={{ maxWidth: 360 }}
        />
      ))}
    </Box>
  );
});
