import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../shared/domain/text';
import { api } from '../api/client';
import { FormDialog } from '../collector/FormDialog';
import { errorIsAbout, useCommand } from '../collector/useCommand';
import { optionalTextProblem } from '../collector/validation';
import { formatCount } from '../common/format';
import { maybeErrorText } from '../i18n/errorText';

/** customer.reassign's limit on the reason. */

interface ReassignDialogProps {
  readonly customerIds: readonly string[];
  /** The team's collectors: the possible new owners. */
  readonly collectors: readonly { readonly collectorId: string; readonly displayName: string; readonly disabled: boolean }[];
  /** The collector whose customers are shown, if only one: not offered as the target. */
  readonly from: string | null;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** "Reassign to…": the selected customers move to another collector of the team, with an optional reason. */
export function ReassignDialog({ customerIds, collectors, from, onClose, onDone }: ReassignDialogProps) {
  const { t } = useTranslation();
  const counted = { count: customerIds.length, n: formatCount(customerIds.length) };
  const targets = collectors.filter((collector) => collector.collectorId !== from && !collector.disabled);
  const [to, setTo] = useState(targets[0]?.collectorId ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const reasonProblem = optionalTextProblem(reason, REASON_MAX);
  // A reason the server still refuses shows under the reason with the server's words, not above the form.
  const reasonServerError = errorIsAbout(command.error, 'reason') ? maybeErrorText(command.error) : undefined;
  const submit = async () => {
    setTried(true);
    if (reasonProblem !== '') return;
    const done = await command.run(() =>
      api['customer.reassign']({ customerIds: [...customerIds], toCollectorId: to, ...(reason.trim() === '' ? {} : { reason }) }),
    );
    const name = targets.find((collector) => collector.collectorId === to)?.displayName ?? t('team.reassign.newCollectorFallback');
    if (done) onDone(t('team.reassign.done', { ...counted, name }));
  };
  return (
    <FormDialog open title={t('team.reassign.title')} submitLabel={t('team.reassign.submit')} busy={command.busy || to === ''} error={reasonServerError === undefined ? command.error : null} onSubmit={() => void submit()} onClose={onClose}>
      <Typography variant="body2">{t('team.reassign.selected', counted)}</Typography>
      <TextField
        select
        autoFocus
        label={t('team.reassign.newCollector')}
        value={to}
        onChange={(event) => {
          setTo(event.target.value);
        }}
        error={command.error?.field === 'toCollectorId'}
        helperText={targets.length === 0 ? t('team.reassign.noOtherCollector') : undefined}
      >
        {targets.map((collector) => (
          <MenuItem key={collector.collectorId} value={collector.collectorId}>
            {collector.displayName}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={t('team.reassign.reason')}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
          command.fieldChanged('reason');
        }}
        error={(tried && reasonProblem !== '') || reasonServerError !== undefined}
        helperText={tried && reasonProblem !== '' ? t('team.reassign.reasonProblem', { problem: reasonProblem }) : reasonServerError}
        slotProps={{ htmlInput: { maxLength: REASON_MAX } }}
      />
    </FormDialog>
  );
}
