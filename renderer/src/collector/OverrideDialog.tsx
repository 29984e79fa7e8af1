import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverrideKind } from '../../../shared/domain/codes';
import { REASON_MAX } from '../../../shared/domain/text';
import { startOfDayIn } from '../../../shared/domain/time-zone';
import { api } from '../api/client';
import { DateField } from '../common/DateField';
import { displayTimeZone } from '../common/format';
import { FormDialog } from './FormDialog';
import { useCommand } from './useCommand';
import { addDays, dateProblem, requiredTextProblem } from './validation';

export interface OverrideRequest {
  readonly customerId: string;
  readonly customerName: string;
  readonly kind: OverrideKind;
  /** The override the customer has now, if known: offers to clear it. */
  readonly current?: { readonly kind: OverrideKind; readonly reason: string } | null;
}

/** A pin stays until cleared unless the user gives it an end; a snooze ends after a few days unless told otherwise. */
const DEFAULT_DAYS: Record<OverrideKind, number | null> = { pin: null, snooze: 3 };
const defaultUntil = (kind: OverrideKind, asOf: string): string => {
  const days = DEFAULT_DAYS[kind];
  return days === null ? '' : addDays(asOf, days);
};

/** Pin or snooze a customer on the worklist with a reason and an expiry, or clear it. */
export function OverrideDialog({ request, asOf, onClose, onSaved }: { request: OverrideRequest; asOf: string; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<OverrideKind>(request.kind);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(defaultUntil(request.kind, asOf));
  // The end the user chose is theirs; one they left alone follows the kind.
  const [untilChosen, setUntilChosen] = useState(false);
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const reasonProblem = requiredTextProblem(reason, REASON_MAX);
  const untilProblem = until === asOf ? t('collector.validation.afterToday') : dateProblem('snooze', until, asOf, false);
  return (
    <FormDialog
      open
      title={kind === 'pin' ? t('collector.override.pinTitle', { name: request.customerName }) : t('collector.override.snoozeTitle', { name: request.customerName })}
      submitLabel={kind === 'pin' ? t('collector.override.pin') : t('collector.override.snooze')}
      busy={command.busy}
      error={command.error}
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (reasonProblem !== '' || untilProblem !== '') return;
        // The snooze ends when the chosen day begins where the user is, not at midnight UTC.
        const expiresAt = until === '' ? null : startOfDayIn(until, displayTimeZone());
        void command.run(() => api['worklist.setOverride']({ customerId: request.customerId, kind, reason, expiresAt })).then((done) => {
          if (done) onSaved(kind === 'pin' ? t('collector.override.pinned') : t('collector.override.snoozed'));
        });
      }}
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={kind}
        aria-label={t('collector.override.choice')}
        onChange={(_event, value: OverrideKind | null) => {
          if (!value) return;
          setKind(value);
          if (!untilChosen) setUntil(defaultUntil(value, asOf));
        }}
      >
        <ToggleButton value="pin" sx={{ textTransform: 'none' }}>
          {t('collector.override.pinOption')}
        </ToggleButton>
        <ToggleButton value="snooze" sx={{ textTransform: 'none' }}>
          {t('collector.override.snoozeOption')}
        </ToggleButton>
      </ToggleButtonGroup>
      <TextField
        autoFocus
        required
        label={t('collector.fields.reason')}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
        }}
        error={tried && reasonProblem !== ''}
        helperText={tried && reasonProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.reason'), problem: reasonProblem }) : ' '}
      />
      <DateField
        label={t('collector.fields.until')}
        value={until}
        onChange={(next) => {
          setUntil(next);
          setUntilChosen(true);
        }}
        error={untilProblem !== ''}
        helperText={untilProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.until'), problem: untilProblem }) : t('collector.override.untilHint')}
      />
      {request.current && (
        <Button
          color="inherit"
          onClick={() => {
            void command.run(() => api['worklist.clearOverride']({ customerId: request.customerId })).then((done) => {
              if (done) onSaved(t('collector.override.cleared'));
            });
          }}
        >
          {request.current.kind === 'pin'
            ? t('collector.override.clearPin', { reason: request.current.reason })
            : t('collector.override.clearSnooze', { reason: request.current.reason })}
        </Button>
      )}
    </FormDialog>
  );
}
