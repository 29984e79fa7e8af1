import Flag from '@mui/icons-material/FlagOutlined';
import Groups from '@mui/icons-material/GroupsOutlined';
import Insights from '@mui/icons-material/InsightsOutlined';
import Summarize from '@mui/icons-material/SummarizeOutlined';
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import HelpOutline from '@mui/icons-material/HelpOutlineOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import SearchIcon from '@mui/icons-material/Search';
import SettingsBrightness from '@mui/icons-material/SettingsBrightness';
import AppBar from '@mui/material/AppBar';
import Badge from '@mui/material/Badge';
import Button from '@mui/material/Button';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { OperationOutput, Preferences } from '../../../shared/api/contract';
import { SEARCH_MAX } from '../../../shared/domain/text';
import { systemTimeZone } from '../../../shared/domain/time-zone';
import { formatDate } from '../common/format';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { seesTeam } from '../team/access';
import { usePrefs } from './prefs';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, PSEUDO_LANGUAGE, UI_LANGUAGES, matchLanguage, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { TimeZoneDialog } from './TimeZoneDialog';
import { NotificationsButton } from './NotificationsButton';
import { SecondStage } from '../common/SecondStage';

type AppInfo = OperationOutput<'app.info'>;

const THEME_LABELS = { light: 'app.settings.themeLight', dark: 'app.settings.themeDark', system: 'app.settings.themeSystem' } as const satisfies Record<Preferences['theme'], string>;
const DENSITY_LABELS = { comfortable: 'app.settings.densityComfortable', compact: 'app.settings.densityCompact' } as const satisfies Record<Preferences['density'], string>;
// Listed here rather than imported from shared/api/schemas: that module builds zod schemas, and
// zod probes for eval on load, which the CSP reports. The Records keep the lists complete.
const THEMES = Object.keys(THEME_LABELS) as Preferences['theme'][];
const DENSITIES = Object.keys(DENSITY_LABELS) as Preferences['density'][];
// The pseudo-locale is for development (and the e2e run that looks for untranslated text), not for users.
const menuLanguages: readonly InterfaceLanguage[] = import.meta.env.DEV ? [...UI_LANGUAGES, PSEUDO_LANGUAGE] : UI_LANGUAGES;
const THEME_ICONS = { light: LightModeOutlined, dark: DarkModeOutlined, system: SettingsBrightness } as const;

/** Below 1,380 px the screen buttons show their icons alone (their names stay their accessible names and tooltips), so nothing overlaps. */
const TOOLBAR_SX = {
  gap: 2,
  '& .screen-button': { flexShrink: 0 },
  '@media (max-width: 1380px)': { gap: 1, '& .screen-label': { display: 'none' }, '& .screen-button': { minWidth: 52, overflow: 'visible' }, '& .screen-button .MuiButton-startIcon': { mr: 0, ml: 0 } },
} as const;

interface TopBarProps {
  readonly search: string;
  readonly onSearch: (value: string) => void;
  readonly onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly searchRef: Ref<HTMLInputElement>;
  readonly onHelp: () => void;
  readonly onHome: () => void;
  readonly onFollowUps: () => void;
  readonly onTeam: () => void;
  readonly onDashboard: () => void;
  readonly onReports: () => void;
  /** The app's own read of who is signed in and its "today" (App reads it anyway; the top bar shows it). */
  readonly info: AppInfo | undefined;
}

export function TopBar({ search, onSearch, onSearchKeyDown, searchRef, onHelp, onHome, onFollowUps, onTeam, onDashboard, onReports, info }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <AppBar component="header" position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={TOOLBAR_SX}>
        <Typography
          component="a"
          href="#/"
          onClick={(event) => {
            event.preventDefault();
            onHome();
          }}
          variant="h1"
          sx={{ color: 'primary.main', textDecoration: 'none', fontSize: '1.1rem', whiteSpace: 'nowrap' }}
        >
          {t('app.topBar.productName')}
        </Typography>
        <Box role="search" sx={{ flex: '3 1 560px', maxWidth: 560 }}>
          <TextField
            fullWidth
            value={search}
            onChange={(event) => {
              onSearch(event.target.value);
            }}
            placeholder={t('app.topBar.searchPlaceholder')}
            inputRef={searchRef}
            slotProps={{
              htmlInput: { 'aria-label': t('app.topBar.searchLabel'), onKeyDown: onSearchKeyDown, maxLength: SEARCH_MAX },
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                ),
              },
            }}
          />
        </Box>
        <Box sx={{ flex: '1 1 0', minWidth: 0 }} />
        {/* A moment after the search and the worklist: the first screen is two commits, not one long task, and the tools' reads start after it. */}
        <SecondStage>
          <TopBarTools onHelp={onHelp} onFollowUps={onFollowUps} onTeam={onTeam} onDashboard={onDashboard} onReports={onReports} info={info} />
        </SecondStage>
      </Toolbar>
    </AppBar>
  );
}

type ToolsProps = Pick<TopBarProps, 'onHelp' | 'onFollowUps' | 'onTeam' | 'onDashboard' | 'onReports' | 'info'>;

interface ScreenButtonProps {
  readonly tooltip: string;
  readonly label: string;
  /** What a screen reader says, when it says more than the label (a count). */
  readonly accessibleName?: string;
  readonly shortcut: string;
  readonly icon: ReactNode;
  readonly onClick: () => void;
  readonly testId: string;
}

/** A button that opens a screen; its label hides on a narrow window (the `screen-label` class), its icon and tooltip stay. */
function ScreenButton({ tooltip, label, accessibleName, shortcut, icon, onClick, testId }: ScreenButtonProps) {
  return (
    <Tooltip title={tooltip}>
      <Button
        color="inherit"
        onClick={onClick}
        aria-keyshortcuts={shortcut}
        aria-label={accessibleName ?? label}
        startIcon={icon}
        sx={{ textTransform: 'none', whiteSpace: 'nowrap', px: 1.5 }}
        data-testid={testId}
        className="screen-button"
      >
        <span className="screen-label">{label}</span>
      </Button>
    </Tooltip>
  );
}

/** Everything right of the search box: memoised, so a keystroke in the search re-renders the box alone. */
const TopBarTools = memo(function TopBarTools({ onHelp, onFollowUps, onTeam, onDashboard, onReports, info }: ToolsProps) {
  const { t } = useTranslation();
  const { prefs, update } = usePrefs();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [zoneDialogOpen, setZoneDialogOpen] = useState(false);
  const version = useDataVersion();
  const followUps = useQuery(`my-follow-ups-count:${version}`, () => api['followUps.mine']({}));
  const dueCount = followUps.data?.length;
  const ThemeIcon = THEME_ICONS[prefs.theme];
  const close = () => {
    setMenuAnchor(null);
  };

  return (
    <>
      {info && (
        <Tooltip title={t('app.topBar.sessionTooltip', { version: info.version, dataDir: info.dataDir })}>
          <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }} data-testid="session-info">
            {info.user
              ? t('app.topBar.sessionUser', { name: info.user.displayName, date: formatDate(info.asOf) })
              : t('app.topBar.session', { date: formatDate(info.asOf) })}
          </Typography>
        </Tooltip>
      )}
      <SyncStatusButton />
      <NotificationsButton />
      <ScreenButton
        tooltip={t('app.topBar.followUpsTooltip')}
        label={t('app.topBar.followUps')}
        accessibleName={dueCount === undefined ? t('app.topBar.followUpsLabel') : t('app.topBar.followUpsDueLabel', { n: String(dueCount) })}
        shortcut="g f"
        icon={
          <Badge badgeContent={dueCount} color="warning" max={99}>
            <Flag />
          </Badge>
        }
        onClick={onFollowUps}
        testId="follow-ups-button"
      />
      <ScreenButton tooltip={t('app.topBar.dashboardTooltip')} label={t('app.topBar.dashboard')} shortcut="g d" icon={<Insights />} onClick={onDashboard} testId="dashboard-button" />
      <ScreenButton tooltip={t('app.topBar.reportsTooltip')} label={t('app.topBar.reports')} shortcut="g r" icon={<Summarize />} onClick={onReports} testId="reports-button" />
      {seesTeam(info?.user?.role) && (
        <ScreenButton tooltip={t('app.topBar.teamTooltip')} label={t('app.topBar.team')} shortcut="g t" icon={<Groups />} onClick={onTeam} testId="team-button" />
      )}
      <Tooltip title={t('app.settings.tooltip')}>
        <IconButton
          aria-label={t('app.settings.label')}
          aria-haspopup="menu"
          aria-expanded={menuAnchor ? 'true' : 'false'}
          onClick={(event) => {
            setMenuAnchor(event.currentTarget);
          }}
        >
          <ThemeIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={menuAnchor} open={menuAnchor !== null} onClose={close}>
        <ListSubheader>{t('app.settings.theme')}</ListSubheader>
        {THEMES.map((theme) => (
          <MenuItem
            key={theme}
            role="menuitemradio"
            aria-checked={prefs.theme === theme}
            selected={prefs.theme === theme}
            onClick={() => {
              update({ theme });
              close();
            }}
          >
            {t(THEME_LABELS[theme])}
          </MenuItem>
        ))}
        <Divider />
        <ListSubheader>{t('app.settings.density')}</ListSubheader>
        {DENSITIES.map((density) => (
          <MenuItem
            key={density}
            role="menuitemradio"
            aria-checked={prefs.density === density}
            selected={prefs.density === density}
            onClick={() => {
              update({ density });
              close();
            }}
          >
            {t(DENSITY_LABELS[density])}
          </MenuItem>
        ))}
        <Divider />
        <ListSubheader>{t('app.settings.language')}</ListSubheader>
        <MenuItem
          role="menuitemradio"
          aria-checked={prefs.language === null}
          selected={prefs.language === null}
          onClick={() => {
            update({ language: null });
            close();
          }}
        >
          {t('app.settings.languageSystem', { language: LANGUAGE_NAMES[matchLanguage(navigator.languages)] })}
        </MenuItem>
        {menuLanguages.map((language) => (
          <MenuItem
            key={language}
            lang={language}
            role="menuitemradio"
            aria-checked={prefs.language === language}
            selected={prefs.language === language}
            onClick={() => {
              update({ language });
              close();
            }}
          >
            {LANGUAGE_NAMES[language]}
          </MenuItem>
        ))}
        <Divider />
        <ListSubheader>{t('app.settings.calendarDay')}</ListSubheader>
        <MenuItem
          onClick={() => {
            setZoneDialogOpen(true);
            close();
          }}
        >
          {prefs.timeZone === null
            ? t('app.settings.timeZoneComputer', { zone: systemTimeZone().replaceAll('_', ' ') })
            : t('app.settings.timeZone', { zone: prefs.timeZone.replaceAll('_', ' ') })}
        </MenuItem>
      </Menu>
      <TimeZoneDialog
        open={zoneDialogOpen}
        value={prefs.timeZone}
        onClose={() => {
          setZoneDialogOpen(false);
        }}
        onSave={(timeZone) => {
          update({ timeZone });
          setZoneDialogOpen(false);
        }}
      />
      <Tooltip title={t('app.help.tooltip')}>
        <IconButton aria-label={t('app.help.title')} onClick={onHelp}>
          <HelpOutline />
        </IconButton>
      </Tooltip>
    </>
  );
});
