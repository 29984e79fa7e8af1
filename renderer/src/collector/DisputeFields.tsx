import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Ref } from 'react';
import type { DisputeReason } from '../../../shared/domain/codes';
import { DISPUTE_REASON_LABELS, ROLE_LABELS } from '../../../shared/domain/labels';
import { money } from '../common/format';
import type { ErrorView } from './errors';
import type { DisputeForm } from './validation';
import type { User } from './workLists';
import { lengthCounter, TEXT_MAX_ROWS } from '../common/textLength';

const REASONS = Object.keys(DISPUTE_REASON_LABELS) as DisputeReason[];

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
  const set = (patch: Partial<DisputeForm>, key: string) => {
    onChange({ ...value, ...patch }, `${prefix}${key}`);
  };
  const itemsError = errors.of(`${prefix}items`);
  return (
    <Box role="group" aria-label="Dispute" sx={{ display: 'grid', gap: 1.5 }}>
      {value.items.length === 0 ? (
        <Typography variant="body2" color={itemsError ? 'error' : 'text.secondary'} role={itemsError ? 'alert' : undefined}>
          Select the disputed open items on the account first.
        </Typography>
      ) : (
        <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, m: 0, px: 1.5, pb: 1 }}>
          <Box component="legend" sx={{ px: 0.5, fontSize: '0.8rem', color: 'text.secondary' }}>
            Disputed amount per item
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
                    open {money(item.openMinor, item.currency)}
                  </Typography>
                </Box>
                <TextField
                  label={`Disputed on ${item.documentNumber}`}
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
          label="Reason"
          value={value.reasonCode}
          onChange={(event) => {
            set({ reasonCode: event.target.value as DisputeReason }, 'reasonCode');
          }}
          error={errors.of(`${prefix}reasonCode`) !== undefined}
          helperText={errors.of(`${prefix}reasonCode`) ?? ' '}
        >
          {REASONS.map((reason) => (
            <MenuItem key={reason} value={reason}>
              {DISPUTE_REASON_LABELS[reason]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Due date"
          type="date"
          value={value.dueDate}
          onChange={(event) => {
            set({ dueDate: event.target.value }, 'dueDate');
          }}
          error={errors.of(`${prefix}dueDate`) !== undefined}
          helperText={errors.of(`${prefix}dueDate`) ?? ' '}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today } }}
        />
      </Box>
      <TextField
        label="Description"
        multiline
        minRows={2}
        maxRows={TEXT_MAX_ROWS}
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
  const me = users.find((user) => user.isLocalProfile);
  // Without a user list the command still picks the local profile.
  if (users.length === 0) {
    return (
      <Typography variant="caption" color="text.secondary">
        Owner: you
      </Typography>
    );
  }
  return (
    <TextField
      select
      label="Owner"
      value={value === '' ? (me?.id ?? '') : value}
      onChange={(event) => {
        onChange(event.target.value === me?.id ? '' : event.target.value);
      }}
      error={error !== undefined}
      helperText={error ?? ' '}
    >
      {users.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {user.isLocalProfile ? `${user.displayName} (me)` : user.displayName} · {ROLE_LABELS[user.role]}
        </MenuItem>
      ))}
    </TextField>
  );
}
