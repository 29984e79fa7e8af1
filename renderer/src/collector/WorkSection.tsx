import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';

interface WorkSectionProps {
  readonly title: string;
  readonly actions?: ReactNode;
  /** Shown instead of the list when there is nothing to list. */
  readonly empty: string | null;
  /** The list's rows (li). */
  readonly children?: ReactNode;
  /** Rendered whether or not the list is empty: errors above it, dialogs. */
  readonly extra?: ReactNode;
  readonly testId: string;
}

/** A titled account section with its actions on the right, a list or an empty text. */
export function WorkSection({ title, actions, empty, children, extra, testId }: WorkSectionProps) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2 }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h2" id={id} sx={{ flex: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {extra}
      {empty !== null ? (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {children}
        </Box>
      )}
    </Paper>
  );
}

export function WorkRow({ children, actions, testId }: { children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <Box component="li" data-testid={testId} sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, py: 1, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>{children}</Box>
      {actions && <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }}>{actions}</Box>}
    </Box>
  );
}

export type ChipColor = 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info';

export function StatusChip({ label, color }: { label: string; color: ChipColor }) {
  return <Chip size="small" label={label} color={color} variant={color === 'default' ? 'outlined' : 'filled'} sx={{ height: 20, fontSize: '0.72rem' }} />;
}
