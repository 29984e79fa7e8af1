import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PrefsProvider } from './app/prefs';
import { createAppTheme, type Density } from './app/theme';

function Root() {
  const [density, setDensity] = useState<Density>('comfortable');
  const theme = useMemo(() => createAppTheme(density), [density]);
  return (
    <ThemeProvider theme={theme} defaultMode="system" modeStorageKey="ledgerline-mode" disableTransitionOnChange>
      <CssBaseline enableColorScheme />
      <PrefsProvider fallback={null} onDensity={setDensity}>
        <App />
      </PrefsProvider>
    </ThemeProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
