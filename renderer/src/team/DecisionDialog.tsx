import { TextArea } from '../common/TextArea';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { FormDialog } from '../collector/FormDialog';
import { errorIsAbout, useCommand } from '../collector/useCommand';
import { optionalTextProblem } from '../collector/validation';
import { money } from '../common/format';
import { ESCALATION_KIND_LABEL_KEYS } from '../common/labels';
import { KIND_IN_SENTENCE, type DecisionRequest } from './decisions';
import { COMMENT_MAX } from '../../../shared/domain/text';
import { UserText } from '../common/UserText';
import { maybeErrorText } from '../i18n/errorText';

interface DecisionDialogProps {
  readonly request: DecisionRequest;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** Approve (comment optional) or reject (comment required) one escalation request. */
export function DecisionDialog({ request, onClose, onDone }: DecisionDialogProps) {
  const { t } = useTranslation();
  const { escalation, decision } = request;
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const kind = t(ESCALATION_KIND_LABEL_KEYS[escalation.kind]);
  const approve = decision === 'approve';
  const textProblem = optionalTextProblem(comment, COMMENT_MAX);
  const problem =
    !approve && comment.trim() === ''
      ? t('team.decision.commentNeeded')
      : textProblem === ''
        ? ''
        : t('team.decision.commentProblem', { problem: textProblem });
  // A comment the server still refuses shows under the comment with the server's reason, not above the form.
  const serverProblem = errorIsAbout(command.error, 'comment') ? maybeErrorText(command.error) : undefined;
  const shown = tried && problem !== '' ? problem : serverProblem;
  const submit = async () => {
    setTried(true);
    if (problem !== '') return;
    const done = await command.run(() =>
      api['escalation.decide']({ escalationId: escalation.id, decision, ...(comment.trim() === '' ? {} : { comment }) }),
    );
    if (done) onDone(t(approve ? 'team.decision.approved' : 'team.decision.rejected', { kind, customer: escalation.customerName }));
  };
  return (
    <FormDialog
      open
      title={t(approve ? 'team.decision.approveTitle' : 'team.decision.rejectTitle', { kind: t(KIND_IN_SENTENCE[escalation.kind]) })}
      submitLabel={approve ? t('team.decision.approve') : t('team.decision.reject')}
      busy={command.busy}
      error={serverProblem === undefined ? command.error : null}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <Typography variant="body2">
        <UserText>{escalation.customerName}</UserText> · {escalation.customerNumber}
        {escalation.amountMinor !== null && escalation.currency !== null ? ` · ${money(escalation.amountMinor, escalation.currency)}` : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        <Trans
          i18nKey="team.decision.request"
          values={{ name: escalation.requestedByName ?? t('team.decision.someone'), reason: escalation.reason }}
          components={{ 1: <UserText /> }}
        />
      </Typography>
      {approve && escalation.kind === 'credit_hold' && (
        <Typography variant="body2" color="warning.main">
          {t('team.decision.creditHoldHint')}
        </Typography>
      )}
      <TextArea
        autoFocus
        minRows={2}
        label={approve ? t('team.decision.commentOptional') : t('team.decision.commentRequired')}
        required={!approve}
        value={comment}
        onChange={(event) => {
          setComment(event.target.value);
          command.fieldChanged('comment');
        }}
        error={shown !== undefined}
        helperText={shown}
        slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
      />
    </FormDialog>
  );
}
