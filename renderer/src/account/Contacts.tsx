import Email from '@mui/icons-material/EmailOutlined';
import Phone from '@mui/icons-material/PhoneOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PersonAdd from '@mui/icons-material/PersonAddAlt1Outlined';
import Star from '@mui/icons-material/Star';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { languageName } from '../common/format';
import { useTranslation } from 'react-i18next';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Channel } from '../../../shared/domain/codes';
import type { ContactPerson } from './types';
import { UserText } from '../common/UserText';
import { ContactPersonDialog } from './ContactPersonDialog';

/** A person's preferred channel as a phrase of its own, so each language can word it (and case the channel) as it needs. */
const PREFERS_KEYS = {
  phone: 'account.contacts.prefers.phone',
  email: 'account.contacts.prefers.email',
  letter: 'account.contacts.prefers.letter',
  meeting: 'account.contacts.prefers.meeting',
  portal: 'account.contacts.prefers.portal',
} as const satisfies Readonly<Record<Channel, string>>;

/** null: the dialog is closed; 'new': adding one; a person: correcting them. */
type Editing = ContactPerson | 'new' | null;

export function Contacts({ customerId, contacts }: { customerId: string; contacts: readonly ContactPerson[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <Paper component="section" aria-labelledby="contacts-title" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h2" id="contacts-title" sx={{ flex: 1 }}>
          {t('account.contacts.title')}
        </Typography>
        <Button
          size="small"
          startIcon={<PersonAdd />}
          onClick={() => {
            setEditing('new');
          }}
          aria-label={t('account.contacts.addLabel')}
        >
          {t('account.contacts.add')}
        </Button>
      </Box>
      {contacts.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('account.contacts.empty')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.25 }}>
          {contacts.map((person) => (
            <Box component="li" key={person.id} data-testid="contact-person">
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  <UserText>{person.name}</UserText>
                </Typography>
                {person.isPrimary && <Star sx={{ fontSize: 14, color: 'warning.main' }} aria-label={t('account.contacts.primary')} />}
                <Box sx={{ flex: 1 }} />
                <Tooltip title={t('account.contacts.editTooltip')}>
                  <IconButton
                    size="small"
                    aria-label={t('account.contacts.edit', { name: person.name })}
                    onClick={() => {
                      setEditing(person);
                    }}
                  >
                    <EditOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              </Box>
              {(person.role ?? person.preferredChannel ?? person.language) && (
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  {[person.role, person.preferredChannel ? t(PREFERS_KEYS[person.preferredChannel]) : null, person.language ? languageName(person.language) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              )}
              <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', fontSize: '0.85rem' }}>
                {person.phone && (
                  <Link href={`tel:${person.phone.replace(/[^\d+]/g, '')}`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                    <Phone sx={{ fontSize: 16 }} aria-hidden />
                    {person.phone}
                  </Link>
                )}
                {person.email && (
                  <Link href={`mailto:${person.email}`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                    <Email sx={{ fontSize: 16 }} aria-hidden />
                    {person.email}
                  </Link>
                )}
              </Box>
            </Box>
          ))}
        </Box>
      )}
      {editing !== null && (
        <ContactPersonDialog
          customerId={customerId}
          person={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </Paper>
  );
}
