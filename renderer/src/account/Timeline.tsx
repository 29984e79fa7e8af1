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
import type { ParseKeys } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { ErrorState } from '../common/StatusViews';
import type { TimelineType } from '../../../shared/api/schemas';
import type { Direction, FollowUpStatus } from '../../../shared/domain/codes';
import { formatDate, formatDateTime, money } from '../common/format';
import {
  CHANNEL_LABEL_KEYS,
  DISPUTE_STATUS_LABEL_KEYS,
  ESCALATION_STATUS_LABEL_KEYS,
  OUTCOME_LABEL_KEYS,
  PROMISE_STATUS_LABEL_KEYS,
  TIMELINE_TYPE_LABELS,
} from '../common/labels';
import { timelineTitle } from './timelineTitle';
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

const FOLLOW_UP_STATUS_KEYS = {
  open: 'account.timeline.followUpStatus.open',
  done: 'account.timeline.followUpStatus.done',
  cancelled: 'account.timeline.followUpStatus.cancelled',
} as const satisfies Readonly<Record<FollowUpStatus, string>>;

/** Status codes are per entry type (a promise's "open" is not a follow-up's "open"). */
const STATUS_KEYS: Partial<Record<TimelineType, Readonly<Record<string, ParseKeys>>>> = {
  promise: PROMISE_STATUS_LABEL_KEYS,
  dispute: DISPUTE_STATUS_LABEL_KEYS,
  escalation: ESCALATION_STATUS_LABEL_KEYS,
  follow_up: FOLLOW_UP_STATUS_KEYS,
};

/** The direction within the entry's meta line, which runs on in lower case ("Phone · outbound"). */
const DIRECTION_KEYS = {
  outbound: 'account.timeline.direction.outbound',
  inbound: 'account.timeline.direction.inbound',
} as const satisfies Readonly<Record<Direction, string>>;

/**
 * The account's history from customer.timeline, filtered by type on the server and paged with
 * "Show more"; every page carries the whole history's counts per type for the type buttons. While a
 * new filter loads, the previous answer is shown filtered the same way, so the list never shows
 * entries of another type.
 */
interface TimelineProps {
  readonly customerId: string;
  /** The account's files: a logged contact shows its own and takes new ones. */
  readonly attachments: readonly WorkAttachment[];
  readonly users: readonly User[];
}

export function Timeline({ customerId, attachments, users }: TimelineProps) {
  const { t } = useTranslation();
  const [type, setType] = useState<TimelineType | 'all'>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const version = useDataVersion();
  const page = useQuery(`timeline:${customerId}:${type}:${limit}:${version}`, () =>
    api['customer.timeline']({ customerId, types: type === 'all' ? undefined : [type], limit }),
  );
  // Every page says how many of each type the whole history holds; a page of another filter says the same.
  const counts = useMemo(() => new Map((page.data?.counts ?? []).map((each) => [each.type, each.count])), [page.data]);
  const all = useMemo(() => [...counts.values()].reduce((sum, count) => sum + count, 0), [counts]);
  const visible = (page.data?.entries ?? []).filter((entry) => type === 'all' || entry.type === type);
  const total = page.fresh ? (page.data?.total ?? 0) : 0;

  return (
    <Paper component="section" aria-labelledby="timeline-title" sx={{ p: 2 }}>
      <Typography variant="h2" id="timeline-title" sx={{ mb: 1 }}>
        {t('account.timeline.title')}
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
        aria-label={t('account.timeline.typeFilter')}
        sx={{ flexWrap: 'wrap', mb: 1.5, '& .MuiToggleButton-root': { py: 0.25, px: 1, textTransform: 'none' } }}
      >
        <ToggleButton value="all">{page.data === undefined ? t('account.timeline.allUncounted') : t('account.timeline.all', { n: all })}</ToggleButton>
        {TIMELINE_TYPES.filter((each) => counts.has(each)).map((each) => (
          <ToggleButton key={each} value={each}>
            {TIMELINE_TYPE_LABELS[each]} {counts.get(each)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {page.error && <ErrorState error={page.error} onRetry={page.retry} what={t('account.timeline.loadWhat')} />}
      {visible.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {page.data === undefined ? (page.slow ? t('account.timeline.loading') : ' ') : t('account.timeline.empty')}
        </Typography>
      ) : (
        <Box component="ol" aria-label={t('account.timeline.entries')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {visible.map((entry) => {
            const Icon = ICONS[entry.type];
            const meta = [
              entry.channel ? t(CHANNEL_LABEL_KEYS[entry.channel]) : null,
              entry.direction ? t(DIRECTION_KEYS[entry.direction]) : null,
              entry.outcome ? t(OUTCOME_LABEL_KEYS[entry.outcome]) : null,
            ].filter((part): part is string => part !== null);
            // A status this version does not know (from a newer client) is shown as its code.
            const statusKey = entry.status === null ? undefined : STATUS_KEYS[entry.type]?.[entry.status];
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
                      <UserText>{timelineTitle(t, entry)}</UserText>
                    </Typography>
                    {entry.amount && (
                      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {money(entry.amount.amountMinor, entry.amount.currency)}
                      </Typography>
                    )}
                    {entry.status && <Chip size="small" label={statusKey === undefined ? entry.status.replaceAll('_', ' ') : t(statusKey)} sx={{ height: 18, fontSize: '0.7rem' }} />}
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
            label={t('account.timeline.showMore', { shown: visible.length, total })}
            onClick={() => {
              setLimit(limit + PAGE_SIZE);
            }}
          />
        </Box>
      )}
    </Paper>
  );
}
