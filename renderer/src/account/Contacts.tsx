import Email from '@mui/icons-material/EmailOutlined';
import Phone from '@mui/icons-material/PhoneOutlined';
import Star from '@mui/icons-material/Star';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { CHANNEL_LABELS } from '../../../shared/domain/labels';
import type { ContactPerson } from './types';
import { UserText } from '../common/UserText';

export function Contacts({ contacts }: { contacts: readonly ContactPerson[] }) {
  return (
    <Paper component="section" aria-labelledby="contacts-title" sx={{ p: 2 }}>
      <Typography variant="h2" id="contacts-title" sx={{ mb: 1 }}>
        Contact persons
      </Typography>
      {contacts.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No contact persons on file.
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.25 }}>
          {contacts.map((person) => (
            <Box component="li" key={person.id} data-testid="contact-person">
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  <UserText>{person.name}</UserText>
                </Typography>
                {person.isPrimary && <Star sx={{ fontSize: 14, color: 'warning.main' }} aria-label="Primary contact" />}
              </Box>
              {(person.role ?? person.preferredChannel) && (
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  {[person.role, person.preferredChannel ? `prefers ${CHANNEL_LABELS[person.preferredChannel].toLowerCase()}` : null]
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
    </Paper>
  );
}
