/**
 * The top bar's notifications (issue 17): decisions on my escalations, customers assigned to me,
 * others moving my disputes, follow-ups others gave me, and my changes the server refused, with a
 * badge for those not yet read. Read marks are kept per user in the preferences.
 */
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Popover from '@mui/material/Popover';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ParseKeys, TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { NotificationSchema } from '../../../shared/api/notification-schemas';
import type { DisputeStatus } from '../../../shared/domain/codes';
import { markSeen, notificationKey, unseenNotifications } from '../../../shared/domain/notifications';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { formatDate, formatDateTime } from '../common/format';
import { DISPUTE_REASON_LABEL_KEYS, ESCALATION_KIND_LABEL_KEYS } from '../common/labels';
import { UserText } from '../common/UserText';
import { useSyncUserId } from '../sync/syncStatusStore';
import { usePrefs } from './prefs';
import { openCustomer, openSyncIssues } from './router';

type Notification = z.output<typeof NotificationSchema>;

/** A dispute's status as the middle of a sentence names it ("moved your dispute to in process"). */
const DISPUTE_STATUS_IN_SENTENCE = {
  new: 'app.notifications.disputeStatus.new',
  in_process: 'app.notifications.disputeStatus.inProcess',
  escalated: 'app.notifications.disputeStatus.escalated',
  resolved: 'app.notifications.disputeStatus.resolved',
  closed: 'app.notifications.disputeStatus.closed',
  voided: 'app.notifications.disputeStatus.voided',
} as const satisfies Readonly<Record<DisputeStatus, string>>;

/** The text of a code from its map of translation keys; a code the map does not know is shown with spaces for its underscores. */
function codeText(t: TFunction, keys: Readonly<Record<string, ParseKeys>>, code: string): string {
  const key = Object.hasOwn(keys, code) ? keys[code] : undefined;
  return key === undefined ? code.replaceAll('_', ' ') : t(key);
}

/** The sentence saying what happened; the customer and the words with it go beside it. */
function notificationTitle(t: TFunction, notification: Notification): string {
  const by = notification.byName ?? t('app.notifications.someone');
  switch (notification.kind) {
    case 'decision':
      return t(notification.state === 'approved' ? 'app.notifications.approved' : 'app.notifications.rejected', {
        kind: codeText(t, ESCALATION_KIND_LABEL_KEYS, notification.subject ?? ''),
        by,
      });
    case 'assignment':
      return t('app.notifications.assigned', { by });
    case 'reply':
      return t('app.notifications.reply', {
        by,
        reason: codeText(t, DISPUTE_REASON_LABEL_KEYS, notification.subject ?? ''),
        status: codeText(t, DISPUTE_STATUS_IN_SENTENCE, notification.state ?? ''),
      });
    case 'task':
      return t('app.notifications.task', { by, date: formatDate(notification.state) });
    case 'sync_issue':
      return t('app.notifications.syncIssue', { change: notification.subject ?? t('app.notifications.unknownChange') });
  }
}

function open(notification: Notification): void {
  if (notification.kind === 'sync_issue' || notification.customerId === null) openSyncIssues();
  else openCustomer(notification.customerId);
}

/**
 * The notifications, rendered only while the popover is open: built with the button, every data
 * change and every saved preference formatted each one's title and time (14 ms with a hundred).
 */
function NotificationList({ items, unseen, onOpen }: { items: readonly Notification[]; unseen: ReadonlySet<string>; onOpen: (notification: Notification) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        {t('app.notifications.empty')}
      </Typography>
    );
  }
  return (
    <List dense sx={{ overflow: 'auto', py: 0 }} aria-label={t('app.notifications.listLabel')}>
      {items.map((notification) => {
        const key = notificationKey(notification);
        const isNew = unseen.has(key);
        return (
          <ListItem key={key} disablePadding divider>
            <ListItemButton
              data-testid="notification"
              data-kind={notification.kind}
              data-unread={isNew ? 'true' : 'false'}
              onClick={() => {
                onOpen(notification);
              }}
              sx={{ display: 'block', py: 1, borderLeft: 3, borderLeftColor: isNew ? 'error.main' : 'transparent' }}
            >
              <Typography variant="body2" sx={{ fontWeight: isNew ? 700 : 400, overflowWrap: 'anywhere' }}>
                {isNew && (
                  <Box component="span" sx={{ color: 'error.main', fontSize: '0.7rem', fontWeight: 700, textTransform: 'uppercase', mr: 0.75 }}>
                    {t('app.notifications.new')}
                  </Box>
                )}
                <UserText>{notificationTitle(t, notification)}</UserText>
              </Typography>
              {notification.customerName !== null && (
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  <UserText>{notification.customerName}</UserText>
                </Typography>
              )}
              {notification.text !== null && (
                <Typography variant="caption" color="text.secondary" component="p" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' }}>
                  <UserText>{notification.text}</UserText>
                </Typography>
              )}
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(notification.at)}
              </Typography>
            </ListItemButton>
          </ListItem>
        );
      })}
    </List>
  );
}

export function NotificationsButton() {
  const { t } = useTranslation();
  const { prefs, update } = usePrefs();
  // Read marks belong to whoever is signed in; without a sign-in, to this workstation's own profile.
  const userKey = useSyncUserId() || 'local';
  const version = useDataVersion();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const list = useQuery(`notifications:${userKey}:${version}`, () => api['notifications.list']({}));
  const items = list.data ?? [];
  const seen = prefs.notificationsSeen[userKey] ?? [];
  const unseen = new Set(unseenNotifications(items, seen).map(notificationKey));
  const markAllRead = () => {
    update({ notificationsSeen: { ...prefs.notificationsSeen, [userKey]: markSeen(items, seen) } });
  };
  const label = unseen.size > 0 ? t('app.notifications.labelUnread', { n: String(unseen.size) }) : t('app.notifications.title');

  return (
    <>
      <Tooltip title={t('app.notifications.tooltip')}>
        <IconButton
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={anchor ? 'true' : 'false'}
          onClick={(event) => {
            setAnchor(event.currentTarget);
          }}
          data-testid="notifications-button"
        >
          <Badge badgeContent={unseen.size} color="error" max={99}>
            <NotificationsOutlined />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => {
          setAnchor(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': 'notifications-title', sx: { width: 420, maxHeight: 560, display: 'flex', flexDirection: 'column' } } }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="h2" id="notifications-title" sx={{ flex: 1, fontSize: '1rem' }}>
            {t('app.notifications.title')}
          </Typography>
          <Button size="small" onClick={markAllRead} disabled={unseen.size === 0} data-testid="notifications-read-all">
            {t('app.notifications.markAllRead')}
          </Button>
        </Box>
        <NotificationList
          items={items}
          unseen={unseen}
          onOpen={(notification) => {
            update({ notificationsSeen: { ...prefs.notificationsSeen, [userKey]: markSeen([notification], seen) } });
            setAnchor(null);
            open(notification);
          }}
        />
      </Popover>
    </>
  );
}
