import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { TextArea } from '../common/TextArea';
import Typography from '@mui/material/Typography';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeReason } from '../../../shared/domain/codes';
import { DateField } from '../common/DateField';
import { money } from '../common/format';
import { DISPUTE_REASON_LABEL_KEYS, ROLE_LABEL_KEYS } from '../common/labels';
import type { ErrorView } from './errors';
import type { DisputeForm } from './validation';
import type { User } from './workLists';
import { lengthCounter } from '../common/textLength';

const REASONS = Object.keys(DISPUTE_REASON_LABEL_KEYS) as DisputeReason[];

interface DisputeFieldsProps {
  readonly value: DisputeForm;
  readonly onChange: (next: DisputeForm, touchedKey: string) => void;
  readonly errors: ErrorView;
  /** 'dispute.' inside the contact form, '' on its own: the server's field names. */
  readonly prefix: string;
  /** Who can own the case; the local profile is the default owner. */
  readonly users: readonly User[];
  readonly today: string;
  readonly firstFieldRef?: Ref<HTMLInputElement>;
}

export function DisputeFields({ value, onChange, errors, prefix, users, today, firstFieldRef }: DisputeFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<DisputeForm>, key: string) => {
    onChange({ ...value, ...patch }, `${prefix}${key}`);
  };
  const itemsError = errors.of(`${prefix}items`);
  return (
    <Box role="group" aria-label={t('collector.disputeForm.group')} sx={{ display: 'grid', gap: 1.5 }}>
      {value.items.length === 0 ? (
        <Typography variant="body2" color={itemsError ? 'error' : 'text.secondary'} role={itemsError ? 'alert' : undefined}>
          {t('collector.disputeForm.selectItems')}
        </Typography>
      ) : (
        <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, m: 0, px: 1.5, pb: 1 }}>
          <Box component="legend" sx={{ px: 0.5, fontSize: '0.8rem', color: 'text.secondary' }}>
            {t('collector.disputeForm.amountPerItem')}
          </Box>
          {value.items.map((item, index) => {
            const key = `${prefix}items.${index}.disputedMinor`;
            return (
              <Box key={item.itemId} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1, alignItems: 'start', mt: 1 }}>
                <Box sx={{ pt: 1 }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {item.documentNumber}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {t('collector.items.openAmount', { amount: money(item.openMinor, item.currency) })}
                  </Typography>
                </Box>
                <TextField
                  label={t('collector.disputeForm.disputedOn', { document: item.documentNumber })}
                  value={item.amount}
                  inputRef={index === 0 ? firstFieldRef : undefined}
                  onChange={(event) => {
                    set({ items: value.items.map((each, i) => (i === index ? { ...each, amount: event.target.value } : each)) }, `items.${index}.disputedMinor`);
                  }}
                  error={errors.of(key) !== undefined}
                  helperText={errors.of(key) ?? item.currency}
                  slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                />
              </Box>
            );
          })}
          {itemsError && (
            <Typography variant="caption" color="error" role="alert">
              {itemsError}
            </Typography>
          )}
        </Box>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
        <TextField
          select
          required
          label={t('collector.fields.reason')}
          value={value.reasonCode}
          onChange={(event) => {
            set({ reasonCode: event.target.value as DisputeReason }, 'reasonCode');
          }}
          error={errors.of(`${prefix}reasonCode`) !== undefined}
          helperText={errors.of(`${prefix}reasonCode`) ?? ' '}
        >
          {REASONS.map((reason) => (
            <MenuItem key={reason} value={reason}>
              {t(DISPUTE_REASON_LABEL_KEYS[reason])}
            </MenuItem>
          ))}
        </TextField>
        <DateField
          label={t('collector.fields.dueDate')}
          value={value.dueDate}
          onChange={(dueDate) => {
            set({ dueDate }, 'dueDate');
          }}
          error={errors.of(`${prefix}dueDate`) !== undefined}
          helperText={errors.of(`${prefix}dueDate`) ?? ' '}
          min={today}
        />
      </Box>
      <TextArea
        label={t('collector.disputeForm.description')}
        minRows={2}
        value={value.description}
        onChange={(event) => {
          set({ description: event.target.value }, 'description');
        }}
        error={errors.of(`${prefix}description`) !== undefined}
        helperText={errors.of(`${prefix}description`) ?? lengthCounter(value.description)}
      />
      <OwnerField
        value={value.ownerId}
        users={users}
        error={errors.of(`${prefix}ownerId`)}
        onChange={(ownerId) => {
          set({ ownerId }, 'ownerId');
        }}
      />
    </Box>
  );
}

function OwnerField({ value, users, error, onChange }: { value: string; users: readonly User[]; error: string | undefined; onChange: (ownerId: string) => void }) {
  const { t } = useTranslation();
  const me = users.find((user) => user.isLocalProfile);
  // Without a user list the command still picks the local profile.
  if (users.length === 0) {
    return (
      <Typography variant="caption" color="text.secondary">
        {t('collector.disputeForm.ownerYou')}
      </Typography>
    );
  }
  return (
    <TextField
      select
      label={t('collector.disputeForm.owner')}
      value={value === '' ? (me?.id ?? '') : value}
      onChange={(event) => {
        onChange(event.target.value === me?.id ? '' : event.target.value);
      }}
      error={error !== undefined}
      helperText={error ?? ' '}
    >
      {users.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {user.isLocalProfile ? t('collector.disputeForm.me', { name: user.displayName }) : user.displayName} · {t(ROLE_LABEL_KEYS[user.role])}
        </MenuItem>
      ))}
    </TextField>
  );
}
