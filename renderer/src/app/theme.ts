/** Light and dark schemes on CSS variables; compact density shrinks controls via default props. */
import { deDE, enUS, esES, zhCN, type Localization } from '@mui/material/locale';
import { createTheme, type Theme } from '@mui/material/styles';
import type { InterfaceLanguage } from '../../../shared/i18n/languages';
import type { Preferences } from '../../../shared/api/contract';

export type Density = Preferences['density'];

const SYSTEM_FONTS = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"Noto Sans"',
  'sans-serif',
].join(',');

export const ROW_HEIGHT: Record<Density, number> = { comfortable: 40, compact: 30 };

/** MUI's own words (a pagination's "Rows per page", an autocomplete's "No options") in the interface language. */
const MUI_LOCALES: Readonly<Record<InterfaceLanguage, Localization>> = { en: enUS, de: deDE, es: esES, 'zh-CN': zhCN, 'en-XA': enUS };

export function createAppTheme(density: Density, language: InterfaceLanguage): Theme {
  const compact = density === 'compact';
  return createTheme(
    {
    cssVariables: { colorSchemeSelector: 'data' },
    colorSchemes: {
      light: {
        palette: {
          primary: { main: '#1f5fa8' },
          secondary: { main: '#6b4fa3' },
          // Darker than MUI's defaults so coloured text and chip labels reach WCAG AA (4.5:1).
          error: { main: '#c62828' },
          warning: { main: '#a35200' },
          info: { main: '#0b62b0' },
          success: { main: '#2e7d32' },
          contrastThreshold: 4.5,
          background: { default: '#f4f6f9', paper: '#ffffff' },
        },
      },
      dark: {
        palette: {
          // MUI darkens `main` for a hovered contained button; on a dark scheme that made the dark label
          // unreadable (axe: colour contrast), so hover lightens instead and the label stays near-black.
          primary: { main: '#7fb3f0', dark: '#a6cbf5', contrastText: '#0b1b2e' },
          secondary: { main: '#b8a2e6' },
          error: { main: '#ff8a80' },
          warning: { main: '#ffb74d' },
          info: { main: '#81c7f5' },
          success: { main: '#81c784' },
          contrastThreshold: 4.5,
          background: { default: '#0f1318', paper: '#171c23' },
        },
      },
    },
    typography: {
      fontFamily: SYSTEM_FONTS,
      fontSize: compact ? 13 : 14,
      h1: { fontSize: '1.35rem', fontWeight: 600 },
      h2: { fontSize: '1.1rem', fontWeight: 600 },
      h3: { fontSize: '0.95rem', fontWeight: 600 },
    },
    shape: { borderRadius: 6 },
    // MUI's own transitions (drawers, menus, dialogs) finish at once when the system asks for less
    // motion, their focus trap and backdrop included; the baseline rule below stills the rest.
    motion: { reducedMotion: 'system' },
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          // A user who asked the system for less motion gets none (WCAG 2.3.3): ripples, skeletons, charts
          // and the app's own transitions too. A hundredth of a millisecond rather than none, so
          // transitionend and animationend events still fire.
          '@media (prefers-reduced-motion: reduce)': {
            '*, *::before, *::after': {
              animationDuration: '0.01ms !important',
              animationIterationCount: '1 !important',
              transitionDuration: '0.01ms !important',
              transitionDelay: '0s !important',
              scrollBehavior: 'auto !important',
            },
          },
        },
      },
      MuiButton: { defaultProps: { size: compact ? 'small' : 'medium', disableElevation: true } },
      MuiIconButton: { defaultProps: { size: compact ? 'small' : 'medium' } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiChip: { defaultProps: { size: compact ? 'small' : 'medium' } },
      MuiTableCell: { defaultProps: { size: compact ? 'small' : 'medium' } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiPaper: { defaultProps: { variant: 'outlined' } },
      MuiButtonBase: {
        styleOverrides: {
          root: ({ theme }) => ({
            '&.Mui-focusVisible': { outline: `2px solid ${theme.vars.palette.primary.main}`, outlineOffset: 2 },
          }),
        },
      },
    },
  },
    MUI_LOCALES[language],
  );
}
