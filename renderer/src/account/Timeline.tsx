import Chat from '@mui/icons-material/ChatBubbleOutlineOutlined';
import EventAvailable from '@mui/icons-material/EventAvailable';
import Flag from '@mui/icons-material/Flag';
import Gavel from '@mui/icons-material/Gavel';
import Notes from '@mui/icons-material/Notes';
import Payments from '@mui/icons-material/Payments';
import ReportProblem from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { ErrorState } from '../common/StatusViews';
import type { TimelineType } from '../../../shared/api/schemas';
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  DISPUTE_STATUS_LABELS,
  ESCALATION_STATUS_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  OUTCOME_LABELS,
  PROMISE_STATUS_LABELS,
} from '../../../shared/domain/labels';
import { formatDate, formatDateTime, money, titleWithDate } from '../common/format';
import { labelOf, TIMELINE_TYPE_LABELS } from '../common/labels';
import type { TimelineEntry } from './types';
import { UserText } from '../common/UserText';
import { Attachments } from '../attachments/Attachments';
import { filesOn, type WorkAttachment } from '../attachments/attachmentLists';
import { userName, type User } from '../collector/workLists';

const ICONS: Record<TimelineType, typeof Chat> = {
  activity: Chat,
  payment: Payments,
  promise: EventAvailable,
  dispute: ReportProblem,
  note: Notes,
  follow_up: Flag,
  escalation: Gavel,
};

/** In display order; taken from the Record so no zod schema module is loaded at run time. */
const TIMELINE_TYPES = Object.keys(ICONS) as TimelineType[];

// A page a collector reads at a glance beside the items; "Show more" adds the next.
const PAGE_SIZE = 20;

/** Status codes are per entry type (a promise's "open" is not a follow-up's "open"). */
const STATUS_LABELS: Partial<Record<TimelineType, Readonly<Record<string, string>>>> = {
  promise: PROMISE_STATUS_LABELS,
  dispute: DISPUTE_STATUS_LABELS,
  escalation: ESCALATION_STATUS_LABELS,
  follow_up: FOLLOW_UP_STATUS_LABELS,
};

/**
 * The account's history from customer.timeline, filtered by type on the server and paged with
 * "Show more". `entries` (the account's copy) only feeds the counts on the type buttons. While a
 * new filter loads, the previous answer is shown filtered the same way, so the list never shows
 * entries of another type.
 */
interface TimelineProps {
  readonly customerId: string;
  readonly entries: readonly TimelineEntry[];
  /** The account's files: a logged contact shows its own and takes new ones. */
  readonly attachments: readonly WorkAttachment[];
  readonly users: readonly User[];
}

export function Timeline({ customerId, entries, attachments, users }: TimelineProps) {
  const [type, setType] = useState<TimelineType | 'all'>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const version = useDataVersion();
  const page = useQuery(`timeline:${customerId}:${type}:${limit}:${version}`, () =>
    api['customer.timeline']({ customerId, types: type === 'all' ? undefined : [type], limit }),
  );
  const counts = useMemo(() => {
    const map = new Map<TimelineType, number>();
    for (const entry of entries) map.set(entry.type, (map.get(entry.type) ?? 0) + 1);
    return map;
  }, [entries]);
  const visible = (page.data?.entries ?? []).filter((entry) => type === 'all' || entry.type === type);
  const total = page.fresh ? (page.data?.total ?? 0) : 0;

  return (
    <Paper component="section" aria-labelledby="timeline-title" sx={{ p: 2 }}>
      <Typography variant="h2" id="timeline-title" sx={{ mb: 1 }}>
        Timeline
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={type}
        onChange={(_event, value: TimelineType | 'all' | null) => {
          if (value) {
            setType(value);
            setLimit(PAGE_SIZE);
          }
        }}
        aria-label="Show timeline entries of type"
        sx={{ flexWrap: 'wrap', mb: 1.5, '& .MuiToggleButton-root': { py: 0.25, px: 1, textTransform: 'none' } }}
      >
        <ToggleButton value="all">All {entries.length}</ToggleButton>
        {TIMELINE_TYPES.filter((t) => counts.has(t)).map((t) => (
          <ToggleButton key={t} value={t}>
            {TIMELINE_TYPE_LABELS[t]} {counts.get(t)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {page.error && <ErrorState error={page.error} onRetry={page.retry} what="the timeline" />}
      {visible.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {page.data === undefined ? (page.slow ? 'Loading the timeline…' : ' ') : 'Nothing on the timeline yet.'}
        </Typography>
      ) : (
        <Box component="ol" aria-label="Timeline entries, newest first" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {visible.map((entry) => {
            const Icon = ICONS[entry.type];
            const meta = [
              entry.channel ? CHANNEL_LABELS[entry.channel] : null,
              entry.direction ? DIRECTION_LABELS[entry.direction].toLowerCase() : null,
              entry.outcome ? OUTCOME_LABELS[entry.outcome] : null,
            ].filter((part): part is string => part !== null);
            return (
              <Box
                component="li"
                key={`${entry.type}-${entry.id}`}
                data-type={entry.type}
                sx={{ display: 'grid', gridTemplateColumns: '24px 1fr', columnGap: 1, py: 1, borderTop: 1, borderColor: 'divider' }}
              >
                <Icon sx={{ fontSize: 18, color: 'text.secondary', mt: 0.25 }} aria-hidden />
                <Box sx={{ minWidth: 0 }}>
                  <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      <UserText>{titleWithDate(entry.title, entry.date)}</UserText>
                    </Typography>
                    {entry.amount && (
                      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {money(entry.amount.amountMinor, entry.amount.currency)}
                      </Typography>
                    )}
                    {entry.status && <Chip size="small" label={labelOf(STATUS_LABELS[entry.type] ?? {}, entry.status)} sx={{ height: 18, fontSize: '0.7rem' }} />}
                  </Box>
                  {meta.length > 0 && (
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {meta.join(' · ')}
                    </Typography>
                  )}
                  {entry.detail && (
                    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      <UserText>{entry.detail}</UserText>
                    </Typography>
                  )}
                  {entry.type === 'activity' && (
                    <Attachments
                      customerId={customerId}
                      parentKind="activity"
                      files={filesOn(attachments, 'activity', entry.id)}
                      attachTo={entry.id}
                      nameOf={(id) => userName(id, users)}
                      compact
                    />
                  )}
                  <Typography variant="caption" color="text.secondary">
                    <time dateTime={entry.type === 'payment' ? entry.at.slice(0, 10) : entry.at}>{entry.type === 'payment' ? formatDate(entry.at.slice(0, 10)) : formatDateTime(entry.at)}</time>
                    {entry.by ? (
                      <>
                        {' · '}
                        <UserText>{entry.by}</UserText>
                      </>
                    ) : (
                      ''
                    )}
                  </Typography>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
      {total > visible.length && (
        <Box sx={{ pt: 1 }}>
          <Chip
            clickable
            label={`Show more (${visible.length} of ${total})`}
            onClick={() => {
              setLimit(limit + PAGE_SIZE);
            }}
          />
        </Box>
      )}
    </Paper>
  );
}
