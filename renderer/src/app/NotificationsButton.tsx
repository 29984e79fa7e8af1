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
import { useState } from 'react';
import type { z } from 'zod';
import type { NotificationSchema } from '../../../shared/api/notification-schemas';
import { DISPUTE_REASON_LABELS, DISPUTE_STATUS_LABELS, ESCALATION_KIND_LABELS } from '../../../shared/domain/labels';
import { markSeen, notificationKey, unseenNotifications } from '../../../shared/domain/notifications';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { formatDate, formatDateTime } from '../common/format';
import { labelOf } from '../common/labels';
import { UserText } from '../common/UserText';
import { useSyncUserId } from '../sync/syncStatusStore';
import { usePrefs } from './prefs';
import { openCustomer, openSyncIssues } from './router';

type Notification = z.output<typeof NotificationSchema>;

/** The sentence saying what happened; the customer and the words with it go beside it. */
function notificationTitle(notification: Notification): string {
  const by = notification.byName ?? 'someone';
  switch (notification.kind) {
    case 'decision':
      return `${labelOf(ESCALATION_KIND_LABELS, notification.subject ?? '')} ${notification.state === 'approved' ? 'approved' : 'rejected'} by ${by}`;
    case 'assignment':
      return `Assigned to you by ${by}`;
    case 'reply':
      return `${by} moved your dispute (${labelOf(DISPUTE_REASON_LABELS, notification.subject ?? '')}) to ${labelOf(DISPUTE_STATUS_LABELS, notification.state ?? '').toLowerCase()}`;
    case 'task':
      return `${by} gave you a follow-up due ${formatDate(notification.state)}`;
    case 'sync_issue':
      return `The server refused a change (${notification.subject ?? 'unknown'})`;
  }
}

function open(notification: Notification): void {
  if (notification.kind === 'sync_issue' || notification.customerId === null) openSyncIssues();
  else openCustomer(notification.customerId);
}

export function NotificationsButton() {
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
  const label = `Notifications${unseen.size > 0 ? `, ${String(unseen.size)} unread` : ''}`;

  return (
    <>
      <Tooltip title="Notifications: decisions, assignments, replies, refused changes">
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
            Notifications
          </Typography>
          <Button size="small" onClick={markAllRead} disabled={unseen.size === 0} data-testid="notifications-read-all">
            Mark all as read
          </Button>
        </Box>
        {items.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            Nothing new in the last 30 days.
          </Typography>
        ) : (
          <List dense sx={{ overflow: 'auto', py: 0 }} aria-label="Notifications, newest first">
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
                      update({ notificationsSeen: { ...prefs.notificationsSeen, [userKey]: markSeen([notification], seen) } });
                      setAnchor(null);
                      open(notification);
                    }}
                    sx={{ display: 'block', py: 1, borderLeft: 3, borderLeftColor: isNew ? 'error.main' : 'transparent' }}
                  >
                    <Typography variant="body2" sx={{ fontWeight: isNew ? 700 : 400, overflowWrap: 'anywhere' }}>
                      {isNew && (
                        <Box component="span" sx={{ color: 'error.main', fontSize: '0.7rem', fontWeight: 700, textTransform: 'uppercase', mr: 0.75 }}>
                          New
                        </Box>
                      )}
                      <UserText>{notificationTitle(notification)}</UserText>
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
        )}
      </Popover>
    </>
  );
}
