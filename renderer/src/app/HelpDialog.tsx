import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_SHORTCUTS } from '../sync/shortcuts';
import { DASHBOARD_SHORTCUTS } from '../dashboard/shortcuts';
import { OUTCOME_LABEL_KEYS } from '../common/labels';
import { REPORTS_SHORTCUTS } from '../reports/shortcuts';
import { TEAM_SHORTCUTS } from '../team/access';
import { SHORTCUTS, type ShortcutGroup } from './keys';

const GROUPS: readonly ShortcutGroup[] = [...SHORTCUTS, SYNC_SHORTCUTS, TEAM_SHORTCUTS, DASHBOARD_SHORTCUTS, REPORTS_SHORTCUTS];

/** Memoised: the app re-renders on every route change, and the dialog's tables are large. */
export const HelpDialog = memo(function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="help-title" maxWidth="md" fullWidth>
      <DialogTitle id="help-title">{t('app.help.title')}</DialogTitle>
      {/* Focusable, so the list scrolls with the keyboard on small windows. */}
      <DialogContent tabIndex={0} aria-label={t('app.help.list')} sx={{ columnWidth: 380, columnGap: 4 }}>
        {GROUPS.map((group) => (
          <Box key={group.group} component="section" sx={{ mb: 2, breakInside: 'avoid' }} aria-label={t(group.group)}>
            <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
              {t(group.group)}
            </Typography>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '150px 1fr', columnGap: 2, rowGap: 0.75, m: 0 }}>
              {group.items.map((item) => (
                // The outcome letters share their action's key, so the keys tell the lines apart.
                <Box key={`${item.action} ${item.keys.join('+')}`} sx={{ display: 'contents' }}>
                  {/* Key caps keep their own height when the action beside them runs to two lines. */}
                  <Box component="dt" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', alignContent: 'flex-start', gap: 0.5 }}>
                    {item.keys.map((key) => (
                      <Box
                        component="kbd"
                        key={key}
                        sx={{
                          px: 0.75,
                          py: 0.1,
                          border: 1,
                          borderColor: 'divider',
                          borderRadius: 1,
                          fontFamily: 'inherit',
                          fontSize: '0.8rem',
                          lineHeight: 1.5,
                          whiteSpace: 'nowrap',
                          bgcolor: 'action.hover',
                        }}
                      >
                        {key}
                      </Box>
                    ))}
                  </Box>
                  <Box component="dd" sx={{ m: 0 }}>
                    {item.outcome === undefined ? t(item.action) : t(item.action, { outcome: t(OUTCOME_LABEL_KEYS[item.outcome]) })}
                  </Box>
                </Box>
              ))}
            </Box>
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('app.help.close')}</Button>
      </DialogActions>
    </Dialog>
  );
});
