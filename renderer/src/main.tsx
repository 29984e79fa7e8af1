import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DateLocalization } from './app/DateLocalization';
import { PrefsProvider } from './app/prefs';
import { startReading } from './app/startup';
import { createAppTheme, type Density } from './app/theme';
import type { InterfaceLanguage } from '../../shared/i18n/languages';

function Root() {
  const [density, setDensity] = useState<Density>('comfortable');
  const [language, setLanguage] = useState<InterfaceLanguage>('en');
  const theme = useMemo(() => createAppTheme(density, language), [density, language]);
  return (
    <ThemeProvider theme={theme} defaultMode="system" modeStorageKey="ledgerline-mode" disableTransitionOnChange>
      <CssBaseline enableColorScheme />
      <DateLocalization language={language}>
        <PrefsProvider fallback={null} onDensity={setDensity} onLanguage={setLanguage}>
          <App />
        </PrefsProvider>
      </DateLocalization>
    </ThemeProvider>
  );
}

// The preferences and the first worklist page are asked for now, while the screen is built.
startReading();
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
