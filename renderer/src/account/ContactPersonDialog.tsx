/**
 * Adds a contact person to the account or corrects one (contactPerson.save): name, role, phone,
 * email, preferred channel, language (for what is addressed to them) and primary. The fields are checked as in the contact log, with the
 * server's own words; a problem the server finds shows under its field.
 */
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../shared/domain/codes';
import { CONTACT_ROLE_MAX, PHONE_MAX } from '../../../shared/domain/contact-fields';
import { EMAIL_MAX, TITLE_MAX } from '../../../shared/domain/text';
import { api } from '../api/client';
import { CHANNEL_LABEL_KEYS } from '../common/labels';
import { currentLocale, languageName } from '../common/format';
import { CORRESPONDENCE_LANGUAGES } from '../../../shared/i18n/languages';
import { FormDialog } from '../collector/FormDialog';
import { errorIsAbout, useCommand } from '../collector/useCommand';
import { validateContactPerson } from '../collector/validation';
import type { ContactPerson } from './types';
import { maybeErrorText } from '../i18n/errorText';

const CHANNELS = Object.keys(CHANNEL_LABEL_KEYS) as Channel[];
const FIELDS = ['name', 'role', 'phone', 'email', 'preferredChannel', 'language'] as const;
type Field = (typeof FIELDS)[number];
/** Input types that bring the right keyboard and autofill; the other fields are plain text. */
const INPUT_TYPES: Partial<Record<Field, string>> = { phone: 'tel', email: 'email' };

interface ContactPersonDialogProps {
  readonly customerId: string;
  /** The person to correct; null adds one. */
  readonly person: ContactPerson | null;
  readonly onClose: () => void;
}

export function ContactPersonDialog({ customerId, person, onClose }: ContactPersonDialogProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<{ name: string; role: string; phone: string; email: string; preferredChannel: Channel | ''; language: string; isPrimary: boolean }>({
    name: person?.name ?? '',
    role: person?.role ?? '',
    phone: person?.phone ?? '',
    email: person?.email ?? '',
    preferredChannel: person?.preferredChannel ?? '',
    language: person?.language ?? '',
    isPrimary: person?.isPrimary ?? false,
  });
  const [tried, setTried] = useState(false);
  // A stored language outside the usual list stays choosable; names are sorted as the reader's language sorts.
  const languages = [...new Set([...CORRESPONDENCE_LANGUAGES, ...(person?.language ? [person.language] : [])])].sort((a, b) =>
    languageName(a).localeCompare(languageName(b), currentLocale()),
  );
  const save = useCommand();
  const problems = validateContactPerson(form);
  const serverField = FIELDS.find((field) => errorIsAbout(save.error, field));
  const problemOf = (field: Field): string | undefined => (tried ? problems[field] : undefined) ?? (serverField === field ? maybeErrorText(save.error) : undefined);
  const change = (patch: Partial<typeof form>, field: Field) => {
    setForm((previous) => ({ ...previous, ...patch }));
    save.fieldChanged(field);
  };
  const text = (field: Exclude<Field, 'preferredChannel' | 'language'>, label: string, max: number, extra: { required?: boolean; autoFocus?: boolean } = {}) => (
    <TextField
      {...extra}
      type={INPUT_TYPES[field]}
      label={label}
      value={form[field]}
      onChange={(event) => {
        change({ [field]: event.target.value }, field);
      }}
      error={problemOf(field) !== undefined}
      helperText={problemOf(field) ?? ' '}
      slotProps={{ htmlInput: { maxLength: max } }}
    />
  );

  return (
    <FormDialog
      open
      title={person ? t('account.contacts.edit', { name: person.name }) : t('account.contacts.dialog.addTitle')}
      submitLabel={t('account.contacts.dialog.save')}
      busy={save.busy}
      // A problem with one field shows under it; anything else above the form.
      error={serverField === undefined ? save.error : null}
      onClose={onClose}
      onSubmit={() => {
        setTried(true);
        if (Object.keys(problems).length > 0) return;
        void save
          .run(() =>
            api['contactPerson.save']({
              customerId,
              ...(person ? { id: person.id } : {}),
              name: form.name,
              role: form.role,
              phone: form.phone,
              // The server takes the address as it is; the form checked it trimmed, so it sends it trimmed.
              email: form.email.trim(),
              preferredChannel: form.preferredChannel === '' ? null : form.preferredChannel,
              language: form.language === '' ? null : form.language,
              isPrimary: form.isPrimary,
            }),
          )
          .then((done) => {
            if (done) onClose();
          });
      }}
    >
      {text('name', t('account.contacts.dialog.name'), TITLE_MAX, { required: true, autoFocus: true })}
      {text('role', t('account.contacts.dialog.role'), CONTACT_ROLE_MAX)}
      {text('phone', t('account.contacts.dialog.phone'), PHONE_MAX)}
      {text('email', t('account.contacts.dialog.email'), EMAIL_MAX)}
      <TextField
        select
        label={t('account.contacts.dialog.preferredChannel')}
        value={form.preferredChannel}
        onChange={(event) => {
          change({ preferredChannel: event.target.value as Channel | '' }, 'preferredChannel');
        }}
        helperText={problemOf('preferredChannel') ?? ' '}
        error={problemOf('preferredChannel') !== undefined}
      >
        <MenuItem value="">{t('account.contacts.dialog.noPreference')}</MenuItem>
        {CHANNELS.map((channel) => (
          <MenuItem key={channel} value={channel}>
            {t(CHANNEL_LABEL_KEYS[channel])}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('account.contacts.dialog.language')}
        value={form.language}
        onChange={(event) => {
          change({ language: event.target.value }, 'language');
        }}
        helperText={problemOf('language') ?? t('account.contacts.dialog.languageHelp')}
        error={problemOf('language') !== undefined}
      >
        <MenuItem value="">{t('account.contacts.dialog.sameAsCustomer')}</MenuItem>
        {languages.map((tag) => (
          <MenuItem key={tag} value={tag} lang={tag}>
            {languageName(tag)}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            checked={form.isPrimary}
            onChange={(event) => {
              setForm((previous) => ({ ...previous, isPrimary: event.target.checked }));
            }}
          />
        }
        label={t('account.contacts.dialog.primary')}
      />
    </FormDialog>
  );
}
