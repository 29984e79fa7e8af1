import Box from '@mui/material/Box';

/** The key that does the same as a button, shown on it; screen readers get aria-keyshortcuts instead. */
export function Kbd({ children }: { children: string }) {
  return (
    <Box component="kbd" aria-hidden sx={{ ml: 0.75, px: 0.5, border: 1, borderColor: 'divider', borderRadius: 0.5, fontFamily: 'inherit', fontSize: '0.7rem', lineHeight: 1.4 }}>
      {children}
    </Box>
  );
}
