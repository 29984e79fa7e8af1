import Close from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { TextArea } from '../common/TextArea';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import type { Channel, Direction, Outcome } from '../../../shared/domain/codes';
import { api } from '../api/client';
import { readAccount } from '../api/readAhead';
import { useQuery } from '../api/useQuery';
import { isTextEntry } from '../app/keys';
import { DateField } from '../common/DateField';
import { CHANNEL_LABEL_KEYS, DIRECTION_LABEL_KEYS, OUTCOME_LABEL_KEYS } from '../common/labels';
import { ErrorState } from '../common/StatusViews';
import { dataChanged } from './dataVersion';
import { DisputeFields } from './DisputeFields';
import { errorView } from './errors';
import { contactInput, disputeTerms, initialForm, itemsOpenTotal, planTerms, promiseCeiling, promiseTerms, restoreDraft, type WorkForm } from './formModel';
import { OUTCOME_KEYS, OUTCOMES_SHOWN, outcomeForKey } from './keys';
import { PromiseFields } from './PromiseFields';
import { clearDraft, restoreSavedDraft, useDraftLoad, useDraftSave } from './useDraft';
import { formFieldFor, validateContact, validateDispute, validatePromise, type FieldErrors } from './validation';
import type { User } from './workLists';
import { lengthCounter } from '../common/textLength';
import { UserText } from '../common/UserText';
import { useUsers } from './useUsers';
import { errorText } from '../i18n/errorText';

export type WorkMode = 'contact' | 'promise' | 'dispute';

export interface WorkRequest {
  readonly mode: WorkMode;
  readonly customerId: string;
  /** Open items selected on the account: what a promise or dispute covers. */
  readonly itemIds: readonly string[];
}

type Account = OperationOutput<'customer.account'>;

const CHANNELS = Object.keys(CHANNEL_LABEL_KEYS) as Channel[];
const DIRECTIONS = Object.keys(DIRECTION_LABEL_KEYS) as Direction[];
const TITLE_KEYS = { contact: 'collector.work.title.contact', promise: 'collector.work.title.promise', dispute: 'collector.work.title.dispute' } as const satisfies Record<WorkMode, string>;
/** Each form keeps its own draft per customer: `contact:`, `promise:` or `dispute:` and the customer id. */
export const draftKeyFor = (mode: WorkMode, customerId: string): string => `${mode}:${customerId}`;

interface WorkDrawerProps {
  readonly request: WorkRequest | null;
  readonly onClose: () => void;
  readonly onSaved: (message: string) => void;
  /** Cancel threw away what was typed; `undo` keeps it as the draft again (false when it could not) before the form reopens. */
  readonly onDiscarded: (undo: () => Promise<boolean>) => void;
}

/** The side panel for logging a contact, or on its own a promise or a dispute. */
export function WorkDrawer({ request, onClose, onSaved, onDiscarded }: WorkDrawerProps) {
  return (
    <Drawer
      anchor="right"
      open={request !== null}
      onClose={onClose}
      // Hand the page back to assistive technology as soon as the drawer closes, not after it has slid
      // out: reopened while still sliding out (a form right after saving one), the modal bookkeeping
      // otherwise left the whole page, the new drawer included, aria-hidden.
      ModalProps={{ closeAfterTransition: false }}
      slotProps={{
        paper: {
          role: 'dialog',
          'aria-modal': true,
          'aria-labelledby': 'work-title',
          sx: { width: { xs: '100%', sm: 560 }, display: 'flex', flexDirection: 'column' },
        },
      }}
    >
      {request && <WorkLoader key={`${request.mode}:${request.customerId}`} request={request} onClose={onClose} onSaved={onSaved} onDiscarded={onDiscarded} />}
    </Drawer>
  );
}

function WorkLoader({ request, onClose, onSaved, onDiscarded }: Omit<WorkDrawerProps, 'request'> & { readonly request: WorkRequest }) {
  const { t } = useTranslation();
  const { customerId, mode } = request;
  const account = useQuery(`work-account:${customerId}`, () => readAccount(customerId));
  const defaults = useQuery(`defaults:${customerId}:${mode}`, () =>
    mode === 'contact' ? api['contact.defaults']({ customerId }) : Promise.resolve({ ok: true as const, value: null }),
  );
  const users = useUsers();
  const draft = useDraftLoad(draftKeyFor(mode, customerId));
  const error = account.error ?? defaults.error;
  // Data once there stays: a re-read (another user signed in elsewhere in the app) never takes the open form down.
  const settled = !defaults.loading && users.data !== undefined;
  const loaded = settled && account.data !== undefined && draft.status === 'ready';
  // An outcome key pressed while the panel is still loading is kept, so fast typists lose nothing.
  const [earlyOutcome, setEarlyOutcome] = useState<Outcome | null>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (loaded || mode !== 'contact' || event.ctrlKey || event.metaKey || event.altKey) return;
    const outcome = outcomeForKey(event.key);
    if (outcome) {
      event.preventDefault();
      setEarlyOutcome(outcome);
    }
  };

  return (
    <Box onKeyDown={onKeyDown} sx={{ display: 'contents' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h2" id="work-title">
            {t(TITLE_KEYS[mode])}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap>
            {account.data ? (
              <>
                <UserText>{account.data.customer.name}</UserText> · {account.data.customer.number}
              </>
            ) : (
              ' '
            )}
          </Typography>
        </Box>
        <IconButton aria-label={t('collector.actions.close')} onClick={onClose}>
          <Close />
        </IconButton>
      </Box>
      {error && <ErrorState error={error} onRetry={account.error ? account.retry : defaults.retry} what={t('collector.work.loadWhat')} />}
      {!loaded && !error && <LinearProgress aria-label={t('collector.work.loading')} />}
      {settled && account.data && draft.status === 'ready' && (
        <WorkFormView
          request={request}
          account={account.data}
          blank={initialForm(account.data, account.data.openItems.filter((item) => request.itemIds.includes(item.id)), defaults.data ?? null)}
          draft={draft.value}
          earlyOutcome={earlyOutcome}
          users={users.data}
          onClose={onClose}
          onSaved={onSaved}
          onDiscarded={onDiscarded}
        />
      )}
    </Box>
  );
}

interface ServerError {
  readonly field: string | undefined;
  readonly error: ApiError;
}

function knownKeys(form: WorkForm, prefixPromise: string, prefixDispute: string): string[] {
  return [
    'channel',
    'direction',
    'contactPersonId',
    'newContactPerson.name',
    'newContactPerson.phone',
    'newContactPerson.email',
    'outcome',
    'note',
    'durationSeconds',
    'followUpDate',
    ...['amountMinor', 'totalMinor', 'promisedDate', 'paymentMethod', 'note', 'instalments', 'itemIds'].map((key) => `${prefixPromise}${key}`),
    ...form.promise.instalments.flatMap((_, index) => [`${prefixPromise}instalments.${index}.promisedDate`, `${prefixPromise}instalments.${index}.amountMinor`]),
    ...['items', 'reasonCode', 'dueDate', 'description', 'ownerId'].map((key) => `${prefixDispute}${key}`),
    ...form.dispute.items.map((_, index) => `${prefixDispute}items.${index}.disputedMinor`),
  ];
}

interface WorkFormViewProps extends Omit<WorkDrawerProps, 'request'> {
  readonly request: WorkRequest;
  readonly account: Account;
  /** The form as it opens without a draft: what is no draft to keep. */
  readonly blank: WorkForm;
  /** The stored draft, restored over the blank form. */
  readonly draft: unknown;
  /** An outcome key pressed while the panel was loading. */
  readonly earlyOutcome: Outcome | null;
  readonly users: readonly User[];
}

function WorkFormView({ request, account, blank, draft, earlyOutcome, users, onClose, onSaved, onDiscarded }: WorkFormViewProps) {
  const { t } = useTranslation();
  const { mode, customerId } = request;
  const today = account.asOf;
  const [initial] = useState<WorkForm>(() => {
    const form = draft === null ? blank : restoreDraft(blank, draft);
    return earlyOutcome === null ? form : { ...form, contact: { ...form.contact, outcome: earlyOutcome } };
  });
  const [form, setForm] = useState<WorkForm>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ServerError | null>(null);
  // A payment plan is its own command; once it is in, a retried contact log must not repeat it.
  const focusNext = useRef<'promise' | 'dispute' | 'note' | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const promiseRef = useRef<HTMLInputElement>(null);
  const disputeRef = useRef<HTMLInputElement>(null);
  const draftKey = draftKeyFor(mode, customerId);
  const worthKeeping = JSON.stringify(form) !== JSON.stringify(blank);
  const { upToDate, discard } = useDraftSave(draftKey, form, !saving, worthKeeping);
  // Cancel throws away what was typed (Escape and the close button keep it as a draft); Undo brings it back.
  const cancel = () => {
    discard();
    if (!worthKeeping) {
      void clearDraft(draftKey);
      onClose();
      return;
    }
    const kept = form;
    void clearDraft(draftKey).then(() => {
      onClose();
      onDiscarded(() => restoreSavedDraft(draftKey, kept));
    });
  };

  const promisePrefix = mode === 'contact' ? 'promise.' : '';
  const disputePrefix = mode === 'contact' ? 'dispute.' : '';
  const outcome = form.contact.outcome;
  const withPromise = mode === 'promise' || (mode === 'contact' && outcome === 'promise_to_pay');
  const withDispute = mode === 'dispute' || (mode === 'contact' && outcome === 'dispute_raised');
  const selectedItems = account.openItems.filter((item) => form.promise.itemIds.includes(item.id));
  const openTotal = itemsOpenTotal(selectedItems);

  const clientErrors: FieldErrors = {
    ...(mode === 'contact' ? validateContact(form.contact, today) : {}),
    ...(withPromise ? validatePromise(form.promise, today, promisePrefix, selectedItems.length > 0 && openTotal === undefined ? undefined : promiseCeiling(account, selectedItems, form.promise.currency)) : {}),
    ...(withPromise && new Set(selectedItems.map((item) => item.currency)).size > 1 ? { [`${promisePrefix}itemIds`]: t('collector.validation.promiseOneCurrency') } : {}),
    ...(withDispute ? validateDispute(form.dispute, today, disputePrefix) : {}),
  };
  const errors = errorView(clientErrors, touched, submitted, serverError);

  // The field to focus after an outcome is chosen exists only after that render.
  useEffect(() => {
    if (focusNext.current === null) return;
    ({ promise: promiseRef, dispute: disputeRef, note: noteRef })[focusNext.current].current?.focus();
    focusNext.current = null;
  });

  // First focus: the form's first field, or where a restored or early-chosen outcome continues.
  const firstOutcome = useRef(initial.contact.outcome);
  useEffect(() => {
    const outcomeAtOpen = firstOutcome.current;
    const target =
      mode === 'promise' || outcomeAtOpen === 'promise_to_pay'
        ? promiseRef.current
        : mode === 'dispute' || outcomeAtOpen === 'dispute_raised'
          ? disputeRef.current
          : outcomeAtOpen === ''
            ? outcomeRef.current
            : noteRef.current;
    (target ?? outcomeRef.current)?.focus();
  }, [mode]);

  const touch = (key: string) => {
    // Changing an instalment can break or mend the plan's sum, which shows on the total.
    const keys = key.startsWith(`${promisePrefix}instalments`) ? [key, `${promisePrefix}totalMinor`] : [key];
    setTouched((previous) => (keys.every((k) => previous.has(k)) ? previous : new Set([...previous, ...keys])));
    if (serverError?.field === key) setServerError(null);
  };
  const changeContact = (patch: Partial<WorkForm['contact']>, key: string) => {
    setForm((previous) => ({ ...previous, contact: { ...previous.contact, ...patch } }));
    touch(key);
  };
  const chooseOutcome = (next: WorkForm['contact']['outcome']) => {
    changeContact({ outcome: next }, 'outcome');
    focusNext.current = next === 'promise_to_pay' ? 'promise' : next === 'dispute_raised' ? 'dispute' : 'note';
  };

  const fail = (error: ApiError, prefix: string) => {
    // A plan logged with the contact is refused under `plan.`; the form shows its fields under the promise's prefix.
    const named = error.field === undefined ? undefined : `${prefix}${error.field}`.replace(/^plan\./, promisePrefix);
    const field = formFieldFor(named, knownKeys(form, promisePrefix, disputePrefix));
    setServerError({ field, error });
  };

  const submit = async () => {
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(clientErrors).length > 0 || saving) return;
    setSaving(true);
    try {
      if (mode === 'dispute') {
        const result = await api['dispute.create']({ customerId, ...disputeTerms(form.dispute) });
        if (!result.ok) {
          fail(result.error, '');
          return;
        }
        await clearDraft(draftKey);
        dataChanged();
        onSaved(t('collector.work.saved.dispute'));
        return;
      }
      if (mode === 'promise') {
        const result = form.promise.plan
          ? await api['promise.plan']({ customerId, ...planTerms(form.promise) })
          : await api['promise.create']({ customerId, ...promiseTerms(form.promise) });
        if (!result.ok) {
          fail(result.error, '');
          return;
        }
        await clearDraft(draftKey);
        dataChanged();
        onSaved(form.promise.plan ? t('collector.work.saved.plan') : t('collector.work.saved.promise'));
        return;
      }
      const result = await api['contact.log'](contactInput(customerId, form, draftKey));
      if (!result.ok) {
        fail(result.error, '');
        return;
      }
      dataChanged();
      onSaved(
        result.value.plan
          ? t('collector.work.saved.contactPlan')
          : result.value.promise
            ? t('collector.work.saved.contactPromise')
            : result.value.dispute
              ? t('collector.work.saved.contactDispute')
              : t('collector.work.saved.contact'),
      );
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
      return;
    }
    if (mode !== 'contact' || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
    const chosen = outcomeForKey(event.key);
    if (chosen) {
      event.preventDefault();
      chooseOutcome(chosen);
    }
  };

  const contactError = (key: string) => errors.of(key);
  // Read here rather than in the fields' attributes, whose string arguments the literal-string lint would take for text.
  const newNameError = contactError('newContactPerson.name');
  const newPhoneError = contactError('newContactPerson.phone');
  const newEmailError = contactError('newContactPerson.email');
  const outcomeError = contactError('outcome');
  const noteError = contactError('note');
  const durationError = contactError('durationSeconds');
  const followUpDateError = contactError('followUpDate');

  // A radio group: one tab stop, arrows move the choice (the letter keys jump straight to one).
  const onOutcomeArrow = (event: KeyboardEvent<HTMLElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const current = outcome === '' ? -step : OUTCOMES_SHOWN.indexOf(outcome);
    const next = OUTCOMES_SHOWN[(current + step + OUTCOMES_SHOWN.length) % OUTCOMES_SHOWN.length];
    if (next === undefined) return;
    changeContact({ outcome: next }, 'outcome');
    outcomeRef.current?.querySelector<HTMLElement>(`[data-outcome="${next}"]`)?.focus();
  };
  const { contact } = form;

  return (
    <Box
      component="form"
      noValidate
      aria-label={t(TITLE_KEYS[mode])}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
    >
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 2, py: 1.5, display: 'grid', gap: 2, alignContent: 'start' }}>
        {serverError && (
          <Alert severity="error" role="alert" data-testid="work-error">
            {errorText(serverError.error, { showField: true })}
          </Alert>
        )}
        {mode === 'contact' && (
          <>
            <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={contact.channel}
                onChange={(_event, value: Channel | null) => {
                  if (value) changeContact({ channel: value }, 'channel');
                }}
                aria-label={t('collector.work.channel')}
              >
                {CHANNELS.map((channel) => (
                  <ToggleButton key={channel} value={channel} sx={{ textTransform: 'none', py: 0.25 }}>
                    {t(CHANNEL_LABEL_KEYS[channel])}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={contact.direction}
                onChange={(_event, value: Direction | null) => {
                  if (value) changeContact({ direction: value }, 'direction');
                }}
                aria-label={t('collector.work.direction')}
              >
                {DIRECTIONS.map((direction) => (
                  <ToggleButton key={direction} value={direction} sx={{ textTransform: 'none', py: 0.25 }}>
                    {t(DIRECTION_LABEL_KEYS[direction])}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
            <TextField
              select
              label={t('collector.work.contactPerson')}
              value={contact.contactPersonId}
              onChange={(event) => {
                changeContact({ contactPersonId: event.target.value }, 'contactPersonId');
              }}
            >
              <MenuItem value="">{t('collector.work.nobody')}</MenuItem>
              {account.contacts.map((person) => (
                <MenuItem key={person.id} value={person.id}>
                  <UserText>{person.name}</UserText>
                  {person.role ? ` · ${person.role}` : ''}
                </MenuItem>
              ))}
              <MenuItem value="new">{t('collector.work.newContactPersonOption')}</MenuItem>
            </TextField>
            {contact.contactPersonId === 'new' && (
              <Box role="group" aria-label={t('collector.work.newContactPerson')} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 1.5 }}>
                <TextField
                  label={t('collector.work.name')}
                  required
                  value={contact.newName}
                  onChange={(event) => {
                    changeContact({ newName: event.target.value }, 'newContactPerson.name');
                  }}
                  error={newNameError !== undefined}
                  helperText={newNameError}
                />
                <TextField
                  label={t('collector.work.phone')}
                  value={contact.newPhone}
                  onChange={(event) => {
                    changeContact({ newPhone: event.target.value }, 'newContactPerson.phone');
                  }}
                  error={newPhoneError !== undefined}
                  helperText={newPhoneError}
                />
                <TextField
                  label={t('collector.work.email')}
                  value={contact.newEmail}
                  onChange={(event) => {
                    changeContact({ newEmail: event.target.value }, 'newContactPerson.email');
                  }}
                  error={newEmailError !== undefined}
                  helperText={newEmailError}
                />
              </Box>
            )}
            <Box>
              <Typography id="outcome-label" variant="body2" sx={{ fontWeight: 600, mb: 0.75 }}>
                {t('collector.work.outcome')}{' '}
                <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
                  {t('collector.work.outcomeHint')}
                </Box>
              </Typography>
              <Box
                ref={outcomeRef}
                tabIndex={-1}
                role="radiogroup"
                aria-labelledby="outcome-label"
                aria-invalid={outcomeError !== undefined}
                onKeyDown={onOutcomeArrow}
                sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 0.75, outline: 'none' }}
              >
                {OUTCOMES_SHOWN.map((code, index) => {
                  const chosen = outcome === code;
                  return (
                    <Button
                      key={code}
                      role="radio"
                      aria-checked={chosen}
                      tabIndex={chosen || (outcome === '' && index === 0) ? 0 : -1}
                      data-outcome={code}
                      aria-keyshortcuts={OUTCOME_KEYS[code]}
                      variant={chosen ? 'contained' : 'outlined'}
                      color={chosen ? 'primary' : 'inherit'}
                      size="small"
                      onClick={() => {
                        chooseOutcome(code);
                      }}
                      sx={{ justifyContent: 'space-between', textTransform: 'none', borderColor: chosen ? undefined : 'divider', fontWeight: chosen ? 600 : 400 }}
                    >
                      <span>{t(OUTCOME_LABEL_KEYS[code])}</span>
                      <Box
                        component="kbd"
                        aria-hidden
                        sx={{ ml: 1, px: 0.6, border: 1, borderColor: chosen ? 'primary.contrastText' : 'divider', borderRadius: 0.5, fontFamily: 'inherit', fontSize: '0.72rem', lineHeight: 1.5 }}
                      >
                        {OUTCOME_KEYS[code].toUpperCase()}
                      </Box>
                    </Button>
                  );
                })}
              </Box>
              {outcomeError && (
                <Typography variant="caption" color="error" role="alert">
                  {outcomeError}
                </Typography>
              )}
            </Box>
          </>
        )}
        {withPromise && (
          <>
            {mode === 'contact' && <Divider textAlign="left">{t('collector.work.promiseSection')}</Divider>}
            <PromiseFields
              value={form.promise}
              onChange={(next, key) => {
                setForm((previous) => ({ ...previous, promise: next }));
                touch(key);
              }}
              errors={errors}
              prefix={promisePrefix}
              itemLabels={selectedItems.map((item) => item.documentNumber)}
              openTotalMinor={openTotal}
              today={today}
              firstFieldRef={promiseRef}
            />
          </>
        )}
        {withDispute && (
          <>
            {mode === 'contact' && <Divider textAlign="left">{t('collector.work.disputeSection')}</Divider>}
            <DisputeFields
              value={form.dispute}
              onChange={(next, key) => {
                setForm((previous) => ({ ...previous, dispute: next }));
                touch(key);
              }}
              errors={errors}
              prefix={disputePrefix}
              users={users}
              today={today}
              firstFieldRef={disputeRef}
            />
          </>
        )}
        {mode === 'contact' && (
          <>
            {(withPromise || withDispute) && <Divider />}
            <TextArea
              label={t('collector.fields.note')}
              minRows={3}
              inputRef={noteRef}
              value={contact.note}
              onChange={(event) => {
                changeContact({ note: event.target.value }, 'note');
              }}
              error={noteError !== undefined}
              helperText={noteError ?? lengthCounter(contact.note)}
            />
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
              <TextField
                label={t('collector.work.duration')}
                value={contact.durationMinutes}
                onChange={(event) => {
                  changeContact({ durationMinutes: event.target.value }, 'durationSeconds');
                }}
                error={durationError !== undefined}
                helperText={durationError ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
              <DateField
                label={t('collector.work.followUpDate')}
                value={contact.followUpDate}
                onChange={(followUpDate) => {
                  changeContact({ followUpDate }, 'followUpDate');
                }}
                error={followUpDateError !== undefined}
                helperText={followUpDateError ?? ' '}
                min={today}
              />
            </Box>
          </>
        )}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.25, borderTop: 1, borderColor: 'divider' }}>
        <Typography variant="caption" color="text.secondary" role="status" data-testid="draft-status" sx={{ flex: 1 }}>
          {worthKeeping ? (upToDate ? t('collector.work.draftSaved') : t('collector.work.savingDraft')) : ''}
        </Typography>
        <Button onClick={cancel}>{t('collector.actions.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={saving}>
          {t('collector.actions.save')}
          <Box component="kbd" aria-hidden sx={{ ml: 1, fontFamily: 'inherit', fontSize: '0.72rem', opacity: 0.8 }}>
            {t('collector.work.saveShortcut')}
          </Box>
        </Button>
      </Box>
    </Box>
  );
}
