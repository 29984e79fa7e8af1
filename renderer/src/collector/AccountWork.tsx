import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { TextArea } from '../common/TextArea';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DisputeResolution, DisputeStatus, EscalationKind, EscalationStatus, PromiseStatus, RootCause } from '../../../shared/domain/codes';
import type { DisputeAction } from '../../../shared/domain/dispute';
import { api } from '../api/client';
import { DateField } from '../common/DateField';
import { formatDate, formatDateTime, money, relativeDay } from '../common/format';
import {
  DISPUTE_REASON_LABEL_KEYS,
  DISPUTE_RESOLUTION_LABEL_KEYS,
  DISPUTE_STATUS_LABEL_KEYS,
  ESCALATION_KIND_LABEL_KEYS,
  ESCALATION_STATUS_LABEL_KEYS,
  PROMISE_STATUS_LABEL_KEYS,
  ROOT_CAUSE_LABEL_KEYS,
} from '../common/labels';
import { useUsers } from './useUsers';
import type { OpenItem } from '../account/types';
import { canCancel, disputedItems, dueState, instalmentLabel, isPlanInstalment, itemsLabel, promiseTitle, userName, type CustomerWork, type Due, type User, type WorkDispute, type WorkPromise } from './workLists';
import { FormDialog } from './FormDialog';
import { Attachments } from '../attachments/Attachments';
import { filesOn } from '../attachments/attachmentLists';
import { errorIsAbout, useCommand } from './useCommand';
import { addDays, dateProblem, optionalTextProblem, parseAmount, requiredTextProblem } from './validation';
import { StatusChip, WorkRow, WorkSection, type ChipColor } from './WorkSection';
import { lengthCounter } from '../common/textLength';
import { COMMENT_MAX, NOTE_MAX, REASON_MAX, TITLE_MAX } from '../../../shared/domain/text';
import { UserText } from '../common/UserText';
import { Kbd } from '../common/Kbd';
import { hasModifier, inOverlay, isTextEntry } from '../app/keys';
import { useWindowKeydown } from '../app/useWindowKeydown';
import { ADD_FOLLOW_UP_KEY } from './keys';
import { errorText, maybeErrorText } from '../i18n/errorText';

const PROMISE_COLORS: Record<PromiseStatus, ChipColor> = { open: 'info', kept: 'success', partially_kept: 'warning', broken: 'error', cancelled: 'default', superseded: 'default' };
const DISPUTE_COLORS: Record<DisputeStatus, ChipColor> = { new: 'info', in_process: 'primary', escalated: 'warning', resolved: 'success', closed: 'default', voided: 'default' };
const ESCALATION_COLORS: Record<EscalationStatus, ChipColor> = { requested: 'info', approved: 'success', rejected: 'error', withdrawn: 'default' };
const ACTION_KEYS = {
  start: 'collector.dispute.action.start',
  escalate: 'collector.dispute.action.escalate',
  resolve: 'collector.dispute.action.resolve',
  close: 'collector.dispute.action.close',
  reopen: 'collector.dispute.action.reopen',
  void: 'collector.dispute.action.void',
} as const satisfies Record<DisputeAction, string>;
const ACTION_TITLE_KEYS = {
  start: 'collector.dispute.actionTitle.start',
  escalate: 'collector.dispute.actionTitle.escalate',
  resolve: 'collector.dispute.actionTitle.resolve',
  close: 'collector.dispute.actionTitle.close',
  reopen: 'collector.dispute.actionTitle.reopen',
  void: 'collector.dispute.actionTitle.void',
} as const satisfies Record<DisputeAction, string>;
const DUE_KEYS = { overdue: 'collector.followUp.overdue', today: 'collector.followUp.dueToday', later: 'collector.followUp.open' } as const satisfies Record<Due, string>;
const RESOLUTIONS = Object.keys(DISPUTE_RESOLUTION_LABEL_KEYS) as DisputeResolution[];
const ROOT_CAUSES = Object.keys(ROOT_CAUSE_LABEL_KEYS) as RootCause[];
const ESCALATION_KINDS = Object.keys(ESCALATION_KIND_LABEL_KEYS) as EscalationKind[];
const KINDS_WITH_AMOUNT: readonly EscalationKind[] = ['write_off', 'doubtful_account', 'payment_plan'];

/** The secondary line under a row's title: facts joined by middle dots, empty ones left out. */
function Facts({ children }: { children: readonly (string | null | false)[] }) {
  const facts = children.filter((fact): fact is string => typeof fact === 'string' && fact !== '');
  return facts.length === 0 ? null : (
    // Beside the status chip while there is room, wrapping inside itself rather than under the chip.
    <Typography variant="caption" color="text.secondary" sx={{ flex: '1 1 10rem', minWidth: 0, overflowWrap: 'anywhere' }}>
      {facts.join(' · ')}
    </Typography>
  );
}

function Title({ text, amount }: { text: string; amount?: { amountMinor: number; currency: string } | null }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {text}
      </Typography>
      {amount && (
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {money(amount.amountMinor, amount.currency)}
        </Typography>
      )}
    </Box>
  );
}

interface PromisesSectionProps {
  readonly promises: CustomerWork['promises'];
  readonly openItems: readonly OpenItem[];
  readonly onNew: () => void;
}

export function PromisesSection({ promises, openItems, onNew }: PromisesSectionProps) {
  const { t } = useTranslation();
  const [cancelling, setCancelling] = useState<WorkPromise | null>(null);
  const [reason, setReason] = useState('');
  const [wholePlan, setWholePlan] = useState(false);
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const problem = requiredTextProblem(reason, REASON_MAX);
  const close = () => {
    setCancelling(null);
    setReason('');
    setWholePlan(false);
    setTried(false);
    command.reset();
  };
  return (
    <>
      <WorkSection
        title={t('collector.promise.section')}
        testId="promises"
        empty={promises.length === 0 ? t('collector.promise.empty') : null}
        actions={
          <Button size="small" onClick={onNew} aria-keyshortcuts="p">
            {t('collector.promise.new')}
          </Button>
        }
      >
        {promises.map((promise) => (
          <WorkRow
            key={promise.id}
            testId="promise-row"
            actions={
              canCancel(promise) && (
                <Button
                  size="small"
                  color="inherit"
                  onClick={() => {
                    setCancelling(promise);
                  }}
                >
                  {t('collector.promise.cancel')}
                </Button>
              )
            }
          >
            <Title text={promiseTitle(promise)} amount={promise} />
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.25 }}>
              <StatusChip label={t(PROMISE_STATUS_LABEL_KEYS[promise.status])} color={PROMISE_COLORS[promise.status]} />
              <Facts>
                {[
                  instalmentLabel(promise, promises),
                  promise.itemIds.length > 0 && t('collector.items.on', { items: itemsLabel(promise.itemIds, openItems) }),
                  promise.paidMinor > 0 && t('collector.promise.paid', { amount: money(promise.paidMinor, promise.currency) }),
                  promise.note,
                ]}
              </Facts>
            </Box>
          </WorkRow>
        ))}
      </WorkSection>
        <FormDialog
          open={cancelling !== null}
          title={t('collector.promise.cancelTitle')}
          submitLabel={t('collector.promise.cancelSubmit')}
          busy={command.busy}
          error={command.error}
          onClose={close}
          onSubmit={() => {
            setTried(true);
            if (problem !== '' || !cancelling) return;
            void command.run(() => api['promise.cancel']({ promiseId: cancelling.id, reason, wholePlan })).then((done) => {
              if (done) close();
            });
          }}
        >
          <TextField
            autoFocus
            label={t('collector.fields.reason')}
            required
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
            error={tried && problem !== ''}
            helperText={tried && problem !== '' ? t('collector.validation.field', { field: t('collector.fields.reason'), problem }) : ' '}
          />
          {cancelling && isPlanInstalment(cancelling) && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={wholePlan}
                  onChange={(event) => {
                    setWholePlan(event.target.checked);
                  }}
                />
              }
              label={t('collector.promise.cancelWholePlan')}
            />
          )}
        </FormDialog>
    </>
  );
}

interface DisputesSectionProps {
  readonly disputes: CustomerWork['disputes'];
  readonly attachments: CustomerWork['attachments'];
  readonly openItems: readonly OpenItem[];
  readonly users: readonly User[];
  readonly onNew: () => void;
}

export function DisputesSection({ disputes, attachments, openItems, users, onNew }: DisputesSectionProps) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<{ dispute: WorkDispute; action: DisputeAction } | null>(null);
  const [comment, setComment] = useState('');
  const [resolution, setResolution] = useState<DisputeResolution | ''>('');
  const [rootCause, setRootCause] = useState<RootCause | ''>('');
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const resolving = moving?.action === 'resolve';
  // The comment takes the rule of dispute.transition's (at most 2,000 characters, the text rule);
  // one the server still refuses shows under the comment too, not above the form.
  const commentProblem = optionalTextProblem(comment, COMMENT_MAX);
  const commentServerError = errorIsAbout(command.error, 'comment') ? maybeErrorText(command.error) : undefined;
  const close = () => {
    setMoving(null);
    setComment('');
    setResolution('');
    setRootCause('');
    setTried(false);
    command.reset();
  };
  return (
    <>
      <WorkSection
        title={t('collector.dispute.section')}
        testId="disputes"
        empty={disputes.length === 0 ? t('collector.dispute.empty') : null}
        actions={
          <Button size="small" onClick={onNew} aria-keyshortcuts="d">
            {t('collector.dispute.raise')}
          </Button>
        }
      >
        {disputes.map((dispute) => (
          <WorkRow
            key={dispute.id}
            testId="dispute-row"
            actions={dispute.allowedActions.map((action) => (
              <Button
                key={action}
                size="small"
                variant={action === 'resolve' ? 'outlined' : 'text'}
                color={action === 'void' ? 'inherit' : 'primary'}
                onClick={() => {
                  setMoving({ dispute, action });
                }}
              >
                {t(ACTION_KEYS[action])}
              </Button>
            ))}
          >
            <Title text={t('collector.dispute.title', { reason: t(DISPUTE_REASON_LABEL_KEYS[dispute.reasonCode]) })} amount={{ amountMinor: dispute.disputedMinor, currency: dispute.currency }} />
            {dispute.description !== '' && (
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                <UserText>{dispute.description}</UserText>
              </Typography>
            )}
            <Typography variant="caption" component="p" color="text.secondary" data-testid="disputed-items" sx={{ m: 0 }}>
              {disputedItems(dispute, openItems)
                .map((item) => `${item.label} ${money(item.disputedMinor, dispute.currency)}`)
                .join(t('collector.items.separator'))}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.25 }}>
              <StatusChip label={t(DISPUTE_STATUS_LABEL_KEYS[dispute.status])} color={DISPUTE_COLORS[dispute.status]} />
              <Facts>
                {[
                  dispute.resolution && t(DISPUTE_RESOLUTION_LABEL_KEYS[dispute.resolution]),
                  dispute.dueDate && t('collector.dispute.due', { date: formatDate(dispute.dueDate) }),
                  userName(dispute.ownerId, users) && t('collector.dispute.owner', { name: userName(dispute.ownerId, users) ?? '' }),
                ]}
              </Facts>
            </Box>
            <Attachments
              customerId={dispute.customerId}
              parentKind="dispute"
              files={filesOn(attachments, 'dispute', dispute.id)}
              attachTo={dispute.id}
              nameOf={(id) => userName(id, users)}
            />
          </WorkRow>
        ))}
      </WorkSection>
        <FormDialog
          open={moving !== null}
          title={moving ? t(ACTION_TITLE_KEYS[moving.action]) : ''}
          submitLabel={moving ? t(ACTION_KEYS[moving.action]) : t('collector.actions.save')}
          busy={command.busy}
          error={commentServerError === undefined ? command.error : null}
          onClose={close}
          onSubmit={() => {
            setTried(true);
            if (!moving || commentProblem !== '' || (resolving && (resolution === '' || rootCause === ''))) return;
            void command
              .run(() =>
                api['dispute.transition']({
                  disputeId: moving.dispute.id,
                  action: moving.action,
                  comment,
                  resolution: resolution === '' ? undefined : resolution,
                  rootCause: rootCause === '' ? undefined : rootCause,
                }),
              )
              .then((done) => {
                if (done) close();
              });
          }}
        >
          {resolving && (
            <>
              <TextField
                select
                autoFocus
                required
                label={t('collector.dispute.resolution')}
                value={resolution}
                onChange={(event) => {
                  setResolution(event.target.value as DisputeResolution);
                }}
                error={tried && resolution === ''}
                helperText={tried && resolution === '' ? t('collector.dispute.resolutionRequired') : ' '}
              >
                {RESOLUTIONS.map((code) => (
                  <MenuItem key={code} value={code}>
                    {t(DISPUTE_RESOLUTION_LABEL_KEYS[code])}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                required
                label={t('collector.dispute.rootCause')}
                value={rootCause}
                onChange={(event) => {
                  setRootCause(event.target.value as RootCause);
                }}
                error={tried && rootCause === ''}
                helperText={tried && rootCause === '' ? t('collector.dispute.rootCauseRequired') : ' '}
              >
                {ROOT_CAUSES.map((code) => (
                  <MenuItem key={code} value={code}>
                    {t(ROOT_CAUSE_LABEL_KEYS[code])}
                  </MenuItem>
                ))}
              </TextField>
            </>
          )}
          <TextArea
            autoFocus={!resolving}
            label={t('collector.fields.comment')}
            minRows={2}
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
              command.fieldChanged('comment');
            }}
            error={(tried && commentProblem !== '') || commentServerError !== undefined}
            helperText={tried && commentProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.comment'), problem: commentProblem }) : (commentServerError ?? ' ')}
          />
        </FormDialog>
    </>
  );
}

interface NotesSectionProps {
  readonly customerId: string;
  readonly notes: CustomerWork['notes'];
  readonly attachments: CustomerWork['attachments'];
  readonly users: readonly User[];
}

export function NotesSection({ customerId, notes, attachments, users }: NotesSectionProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [history, setHistory] = useState<{ id: string; versions: { id: string; version: number; body: string; createdAt: string }[] } | null>(null);
  const add = useCommand();
  const edit = useCommand();
  const [tried, setTried] = useState(false);
  const problem = requiredTextProblem(draft, NOTE_MAX);
  const addForm = (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (problem !== '') return;
        void add.run(() => api['note.add']({ customerId, body: draft })).then((done) => {
          if (done) {
            setDraft('');
            setTried(false);
          }
        });
      }}
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', pb: 1 }}
    >
      <TextArea
        label={t('collector.note.new')}
        fullWidth
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        error={(tried && problem !== '') || add.error !== null}
        helperText={maybeErrorText(add.error) ?? (tried && problem !== '' ? t('collector.validation.field', { field: t('collector.fields.note'), problem }) : lengthCounter(draft))}
      />
      <Button type="submit" variant="outlined" disabled={add.busy} sx={{ mt: 0.5 }}>
        {t('collector.actions.add')}
      </Button>
    </Box>
  );
  return (
    <>
      <WorkSection title={t('collector.note.section')} testId="notes" empty={notes.length === 0 ? t('collector.note.empty') : null} extra={addForm}>
        {notes.map((note) => (
          <WorkRow
            key={note.id}
            testId="note-row"
            actions={
              <>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing({ id: note.id, body: note.body });
                  }}
                >
                  {t('collector.note.edit')}
                </Button>
                <Button
                  size="small"
                  color="inherit"
                  onClick={() => {
                    void api['note.history']({ noteId: note.id }).then((result) => {
                      if (result.ok) setHistory({ id: note.id, versions: result.value });
                    });
                  }}
                >
                  {t('collector.note.history')}
                </Button>
              </>
            }
          >
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <UserText>{note.body}</UserText>
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {note.version > 1 ? `${t('collector.note.edited', { version: note.version })} · ` : ''}
              <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
              {userName(note.createdBy, users) ? ` · ${userName(note.createdBy, users) ?? ''}` : ''}
            </Typography>
            <Attachments customerId={customerId} parentKind="note" files={filesOn(attachments, 'note', note.lineageId)} attachTo={note.id} nameOf={(id) => userName(id, users)} />
          </WorkRow>
        ))}
      </WorkSection>
        <FormDialog
          open={editing !== null}
          title={t('collector.note.editTitle')}
          submitLabel={t('collector.note.saveVersion')}
          busy={edit.busy}
          error={edit.error}
          onClose={() => {
            setEditing(null);
            edit.reset();
          }}
          onSubmit={() => {
            if (!editing || requiredTextProblem(editing.body, NOTE_MAX) !== '') return;
            void edit.run(() => api['note.edit']({ noteId: editing.id, body: editing.body })).then((done) => {
              if (done) setEditing(null);
            });
          }}
        >
          <TextArea
            autoFocus
            minRows={3}
            label={t('collector.fields.note')}
            value={editing?.body ?? ''}
            onChange={(event) => {
              setEditing((previous) => (previous ? { ...previous, body: event.target.value } : previous));
            }}
            error={editing !== null && requiredTextProblem(editing.body, NOTE_MAX) !== ''}
            helperText={
              editing !== null && requiredTextProblem(editing.body, NOTE_MAX) !== ''
                ? t('collector.validation.field', { field: t('collector.fields.note'), problem: requiredTextProblem(editing.body, NOTE_MAX) })
                : t('collector.note.editHint', { counter: lengthCounter(editing?.body ?? '') })
            }
          />
        </FormDialog>
        <FormDialog
          open={history !== null}
          title={t('collector.note.versionsTitle')}
          submitLabel={t('collector.actions.close')}
          busy={false}
          error={null}
          onClose={() => {
            setHistory(null);
          }}
          onSubmit={() => {
            setHistory(null);
          }}
        >
          <Box component="ol" aria-label={t('collector.note.versionsList')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {history?.versions.map((version) => (
              <Box component="li" key={version.id} sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}>
                <Typography variant="caption" color="text.secondary">
                  {t('collector.note.version', { version: version.version })} · {formatDateTime(version.createdAt)}
                </Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <UserText>{version.body}</UserText>
                </Typography>
              </Box>
            ))}
          </Box>
        </FormDialog>
    </>
  );
}

interface FollowUpsSectionProps {
  readonly customerId: string;
  readonly followUps: CustomerWork['followUps'];
  readonly openItems: readonly OpenItem[];
  readonly asOf: string;
}

export function FollowUpsSection({ customerId, followUps, openItems, asOf }: FollowUpsSectionProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState(addDays(asOf, 1));
  const [tried, setTried] = useState(false);
  const create = useCommand();
  const close = useCommand();
  const titleProblem = requiredTextProblem(title, TITLE_MAX);
  const dueDateProblem = dateProblem('followUp', dueDate, asOf, true);
  useWindowKeydown((event: KeyboardEvent) => {
    if (event.key !== ADD_FOLLOW_UP_KEY || inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
    event.preventDefault();
    setAdding(true);
  });
  return (
    <>
      <WorkSection
        title={t('collector.followUp.section')}
        testId="follow-ups"
        empty={followUps.length === 0 ? t('collector.followUp.empty') : null}
        actions={
          <Button
            size="small"
            aria-keyshortcuts={ADD_FOLLOW_UP_KEY}
            onClick={() => {
              setAdding(true);
            }}
          >
            {t('collector.followUp.add')}
            <Kbd>U</Kbd>
          </Button>
        }
      >
        {close.error && (
          <Typography component="li" variant="body2" color="error" role="alert">
            {errorText(close.error, { showField: true })}
          </Typography>
        )}
        {followUps.map((followUp) => {
          const due = dueState(followUp.dueDate, asOf);
          return (
            <WorkRow
              key={followUp.id}
              testId="follow-up-row"
              actions={
                <>
                  <Button size="small" onClick={() => void close.run(() => api['followUp.complete']({ followUpId: followUp.id }))}>
                    {t('collector.actions.done')}
                  </Button>
                  <Button size="small" color="inherit" onClick={() => void close.run(() => api['followUp.cancel']({ followUpId: followUp.id }))}>
                    {t('collector.followUp.cancel')}
                  </Button>
                </>
              }
            >
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                <UserText>{followUp.title}</UserText>
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.25 }}>
                <StatusChip label={t(DUE_KEYS[due])} color={due === 'later' ? 'info' : 'warning'} />
                <Typography variant="caption" color="text.secondary">
                  {t('collector.followUp.due', { date: formatDate(followUp.dueDate), relative: relativeDay(followUp.dueDate, asOf) })}
                  {followUp.itemId !== null ? ` · ${t('collector.items.on', { items: itemsLabel([followUp.itemId], openItems) })}` : ''}
                </Typography>
              </Box>
            </WorkRow>
          );
        })}
      </WorkSection>
        <FormDialog
          open={adding}
          title={t('collector.followUp.addTitle')}
          submitLabel={t('collector.actions.add')}
          busy={create.busy}
          error={create.error}
          onClose={() => {
            setAdding(false);
            setTried(false);
            create.reset();
          }}
          onSubmit={() => {
            setTried(true);
            if (titleProblem !== '' || dueDateProblem !== '') return;
            void create.run(() => api['followUp.create']({ customerId, title, dueDate })).then((done) => {
              if (done) {
                setAdding(false);
                setTitle('');
                setTried(false);
              }
            });
          }}
        >
          <TextField
            autoFocus
            required
            label={t('collector.fields.whatToDo')}
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              create.fieldChanged('title');
            }}
            error={tried && titleProblem !== ''}
            helperText={tried && titleProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.whatToDo'), problem: titleProblem }) : ' '}
          />
          <DateField
            required
            label={t('collector.fields.dueDate')}
            value={dueDate}
            onChange={(next) => {
              setDueDate(next);
              create.fieldChanged('dueDate');
            }}
            error={tried && dueDateProblem !== ''}
            helperText={tried && dueDateProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.dueDate'), problem: dueDateProblem }) : ' '}
          />
        </FormDialog>
    </>
  );
}

export function EscalationsSection({ customerId, currency, escalations }: { customerId: string; currency: string; escalations: CustomerWork['escalations'] }) {
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<EscalationKind | ''>('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { t } = useTranslation();
  const request = useCommand();
  const withdraw = useCommand();
  const users = useUsers();
  const userName = (id: string | null): string => users.data?.find((user) => user.id === id)?.displayName ?? t('collector.escalation.someLead');
  const needsAmount = kind !== '' && KINDS_WITH_AMOUNT.includes(kind);
  const parsed = parseAmount(amount, currency);
  const amountProblem = amount.trim() === '' ? (needsAmount ? t('collector.validation.requiredForKind') : '') : parsed.ok ? '' : parsed.message;
  const reasonProblem = requiredTextProblem(reason, COMMENT_MAX);
  const amountServerError = errorIsAbout(request.error, 'amountMinor') ? maybeErrorText(request.error) : undefined;
  const reset = () => {
    setAdding(false);
    setKind('');
    setAmount('');
    setReason('');
    setTried(false);
    request.reset();
  };
  return (
    <>
      <WorkSection
        title={t('collector.escalation.section')}
        testId="escalations"
        empty={escalations.length === 0 ? t('collector.escalation.empty') : null}
        actions={
          <Button
            size="small"
            onClick={() => {
              setAdding(true);
            }}
          >
            {t('collector.escalation.request')}
          </Button>
        }
      >
        {withdraw.error && (
          <Typography component="li" variant="body2" color="error" role="alert">
            {errorText(withdraw.error, { showField: true })}
          </Typography>
        )}
        {escalations.map((escalation) => (
          <WorkRow
            key={escalation.id}
            testId="escalation-row"
            actions={
              escalation.status === 'requested' && (
                <Button size="small" color="inherit" onClick={() => void withdraw.run(() => api['escalation.withdraw']({ escalationId: escalation.id }))}>
                  {t('collector.escalation.withdraw')}
                </Button>
              )
            }
          >
            <Title
              text={t(ESCALATION_KIND_LABEL_KEYS[escalation.kind])}
              amount={escalation.amountMinor !== null && escalation.currency !== null ? { amountMinor: escalation.amountMinor, currency: escalation.currency } : null}
            />
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              <UserText>{escalation.reason}</UserText>
            </Typography>
            <Box sx={{ mt: 0.25 }}>
              <StatusChip label={t(ESCALATION_STATUS_LABEL_KEYS[escalation.status])} color={ESCALATION_COLORS[escalation.status]} />
            </Box>
            {escalation.decision && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25, overflowWrap: 'anywhere' }} data-testid="escalation-decision">
                <Trans
                  i18nKey={
                    escalation.decision.comment !== null && escalation.decision.comment !== ''
                      ? escalation.status === 'approved'
                        ? 'collector.escalation.approvedWithComment'
                        : 'collector.escalation.rejectedWithComment'
                      : escalation.status === 'approved'
                        ? 'collector.escalation.approved'
                        : 'collector.escalation.rejected'
                  }
                  values={{ name: userName(escalation.decision.by), date: formatDate(escalation.decision.at), comment: escalation.decision.comment }}
                  components={{ name: <UserText />, comment: <UserText /> }}
                />
              </Typography>
            )}
          </WorkRow>
        ))}
      </WorkSection>
        <FormDialog
          open={adding}
          title={t('collector.escalation.requestTitle')}
          submitLabel={t('collector.escalation.submit')}
          busy={request.busy}
          // An amount the server refused (more than the balance) shows under the amount, not above the form.
          error={amountServerError === undefined ? request.error : null}
          onClose={reset}
          onSubmit={() => {
            setTried(true);
            if (kind === '' || amountProblem !== '' || reasonProblem !== '') return;
            const amountMinor = parsed.ok ? parsed.minor : undefined;
            void request.run(() => api['escalation.request']({ customerId, kind, amountMinor, currency: amountMinor === undefined ? undefined : currency, reason })).then((done) => {
              if (done) reset();
            });
          }}
        >
          <TextField
            select
            autoFocus
            required
            label={t('collector.escalation.kind')}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as EscalationKind);
            }}
            error={tried && kind === ''}
            helperText={tried && kind === '' ? t('collector.escalation.kindRequired') : ' '}
          >
            {ESCALATION_KINDS.map((code) => (
              <MenuItem key={code} value={code}>
                {t(ESCALATION_KIND_LABEL_KEYS[code])}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('collector.fields.amountIn', { currency })}
            required={needsAmount}
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
              request.fieldChanged('amountMinor');
            }}
            error={(tried && amountProblem !== '') || amountServerError !== undefined}
            helperText={tried && amountProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.amount'), problem: amountProblem }) : (amountServerError ?? ' ')}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextArea
            required
            minRows={2}
            label={t('collector.fields.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
            error={tried && reasonProblem !== ''}
            helperText={tried && reasonProblem !== '' ? t('collector.validation.field', { field: t('collector.fields.reason'), problem: reasonProblem }) : ' '}
          />
        </FormDialog>
    </>
  );
}
