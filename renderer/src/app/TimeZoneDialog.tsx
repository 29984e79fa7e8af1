/**
 * The user's time zone: the zone whose calendar day is "today" for aging, promises, follow-ups and
 * the worklist. By default the computer's own, which a specialist whose laptop follows the local
 * zone while travelling wants; a collector whose portfolio keeps the office's hours picks that zone.
 */
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDayIn, knownTimeZones, systemTimeZone } from '../../../shared/domain/time-zone';
import { dateTimeFormat, formatDate } from '../common/format';

/** The option that stands for "no setting": the computer's zone, whatever it is at the time. */
const COMPUTER = '';

interface TimeZoneDialogProps {
  readonly open: boolean;
  /** The zone set, or null for the computer's. */
  readonly value: string | null;
  readonly onClose: () => void;
  readonly onSave: (timeZone: string | null) => void;
}

function zoneOptions(): string[] {
  const zones = knownTimeZones();
  // Some runtimes list UTC only under its aliases; a user looking for it finds it first.
  return [COMPUTER, 'UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

export function TimeZoneDialog({ open, value, onClose, onSave }: TimeZoneDialogProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string>(value ?? COMPUTER);
  const options = useMemo(() => zoneOptions(), []);
  const computer = systemTimeZone();
  const effective = choice === COMPUTER ? computer : choice;
  const label = (option: string) => (option === COMPUTER ? t('app.timeZone.computer', { zone: computer }) : option.replaceAll('_', ' '));
  const now = new Date();

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="xs"
      aria-labelledby="time-zone-title"
      slotProps={{
        transition: {
          onEnter: () => {
            setChoice(value ?? COMPUTER);
          },
        },
      }}
    >
      <DialogTitle id="time-zone-title">{t('app.timeZone.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {t('app.timeZone.explanation')}
        </DialogContentText>
        <Autocomplete
          options={options}
          value={choice}
          disableClearable
          autoHighlight
          getOptionLabel={label}
          onChange={(_event, next) => {
            setChoice(next);
          }}
          renderInput={(params) => <TextField {...params} label={t('app.timeZone.title')} autoFocus />}
        />
        <DialogContentText sx={{ mt: 2 }} data-testid="time-zone-today">
          {t('app.timeZone.today', {
            date: formatDate(calendarDayIn(now, effective)),
            time: dateTimeFormat({ timeZone: effective, hour: '2-digit', minute: '2-digit' }).format(now),
          })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('app.timeZone.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => {
            onSave(choice === COMPUTER ? null : choice);
          }}
        >
          {t('app.timeZone.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
