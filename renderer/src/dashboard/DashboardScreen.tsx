import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { dateTimeFormat, formatCount, formatDate } from '../common/format';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { BreakdownTables } from './BreakdownTables';
import { FIGURE_SPECS, previousValue } from './figures';
import { ForecastPanel } from './ForecastPanel';
import { FormulaDialog, type FormulaRequest } from './FormulaDialog';
import { KpiCard } from './KpiCard';
import { TrendCharts } from './TrendCharts';
import { CurrencyTable } from './CurrencyTable';
import type { KpiDashboard } from '../../../shared/api/kpi-schemas';
import { useUsers } from '../collector/useUsers';

/** How far back the month picker goes. */
const PICKABLE_MONTHS = 24;
const TEAM = 'team';
/** The currency picker's value for every currency converted to the base. */
const ALL = 'all';

const monthName = (month: string): string => dateTimeFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

function recentMonths(asOf: string): string[] {
  const months: string[] = [];
  let year = Number(asOf.slice(0, 4));
  let month = Number(asOf.slice(5, 7));
  while (months.length < PICKABLE_MONTHS) {
    months.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

function Section({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ display: 'grid', gap: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h2" id={id}>
          {title}
        </Typography>
        {aside && (
          <Typography variant="body2" color="text.secondary">
            {aside}
          </Typography>
        )}
      </Box>
      {children}
    </Box>
  );
}

const CARD_GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 1.5 } as const;

function CardSkeletons() {
  const { t } = useTranslation();
  return (
    <Box sx={CARD_GRID} aria-busy="true" aria-label={t('dashboard.loadingFigures')}>
      {FIGURE_SPECS.map((spec) => (
        <Skeleton key={spec.key} variant="rounded" height={124} />
      ))}
    </Box>
  );
}

interface PickerProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { value: string; label: string }[];
  readonly onChange: (value: string) => void;
  readonly width: number;
}

function Picker({ id, label, value, options, onChange, width }: PickerProps) {
  return (
    <FormControl size="small" sx={{ width }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={options.some((option) => option.value === value) ? value : ''}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        data-testid={id}
      >
        {options.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function currencyText(t: TFunction, data: KpiDashboard): string {
  if (!data.conversion) return t('dashboard.currencyAlone', { currency: data.currency });
  const { base, unconverted } = data.conversion;
  return unconverted.length > 0 ? t('dashboard.allConvertedLeftOut', { base, currencies: unconverted.join(', ') }) : t('dashboard.allConverted', { base });
}

/** "Whole team · Nov 01, 2026 – Nov 30, 2026 (month to date, 23 of 30 days) · EUR alone". */
function periodText(t: TFunction, data: KpiDashboard, scope: string): string {
  const shared = { scope, from: formatDate(data.period.from), to: formatDate(data.period.to), currencies: currencyText(t, data) };
  return data.partial
    ? t('dashboard.periodPartial', { ...shared, days: formatCount(data.partial.days), ofDays: formatCount(data.partial.ofDays) })
    : t('dashboard.period', shared);
}

/** KPIs of the team or one collector for a month: cards with formulas, 12-month trends, breakdowns and the 13-week forecast. */
export function DashboardScreen({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const version = useDataVersion();
  const [scope, setScope] = useState(TEAM);
  const [month, setMonth] = useState(asOf.slice(0, 7));
  const [picked, setPicked] = useState(ALL);
  const currency = picked === ALL ? undefined : picked;
  const [formula, setFormula] = useState<FormulaRequest | null>(null);
  const collectorId = scope === TEAM ? null : scope;
  const selectedMonth = month === '' ? asOf.slice(0, 7) : month;

  const users = useUsers();
  const dashboard = useQuery(`kpi-dashboard:${version}:${scope}:${selectedMonth}:${currency ?? ''}`, () =>
    api['kpi.dashboard']({ collectorId, month: selectedMonth, ...(currency ? { currency } : {}) }),
  );
  const forecast = useQuery(`kpi-forecast:${version}:${scope}`, () => api['kpi.forecast']({ collectorId }));
  const data = dashboard.data;

  const scopeOptions = useMemo(
    () => [
      { value: TEAM, label: t('dashboard.wholeTeam') },
      ...(users.data ?? []).filter((user) => user.role !== 'admin').map((user) => ({ value: user.id, label: user.isLocalProfile ? t('dashboard.me', { name: user.displayName }) : user.displayName })),
    ],
    [users.data, t],
  );
  const monthOptions = useMemo(() => recentMonths(asOf).map((value) => ({ value, label: monthName(value) })), [asOf]);
  const currencyOptions = [
    { value: ALL, label: t('dashboard.allCurrencies') },
    ...[...new Set([...(data?.currencies ?? []), ...(currency ? [currency] : [])])].sort().map((code) => ({ value: code, label: t('dashboard.currencyOnly', { currency: code }) })),
  ];
  // Nothing open and nothing to measure: say so rather than show a wall of dashes and zeros.
  const empty = data !== undefined && data.currencies.length === 0 && Object.values(data.figures).every((figure) => !figure.value);
  const scopeName = scopeOptions.find((option) => option.value === scope)?.label ?? t('dashboard.wholeTeam');
  const period = data ? periodText(t, data, scopeName) : '';

  return (
    <Box component="section" aria-labelledby="dashboard-title" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2, display: 'grid', gap: 3, alignContent: 'start' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 300px' }}>
          <Typography variant="h1" id="dashboard-title">
            {t('dashboard.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="dashboard-period">
            {period || t('dashboard.subtitle')}
          </Typography>
        </Box>
        <Picker id="dashboard-scope" label={t('dashboard.scope')} value={scope} options={scopeOptions} onChange={setScope} width={220} />
        <Picker id="dashboard-month" label={t('dashboard.month')} value={selectedMonth} options={monthOptions} onChange={setMonth} width={180} />
        <Picker id="dashboard-currency" label={t('dashboard.currency')} value={picked} options={currencyOptions} onChange={setPicked} width={170} />
      </Box>

      {dashboard.error && <ErrorState error={dashboard.error} onRetry={dashboard.retry} what={t('dashboard.whatKpis')} />}
      {!data && !dashboard.error && (dashboard.slow ? <CardSkeletons /> : null)}
      {empty && <EmptyState title={t('dashboard.emptyTitle')}>{t('dashboard.emptyText')}</EmptyState>}
      {data && !empty && (
        <Box sx={{ display: 'grid', gap: 3, opacity: dashboard.fresh ? 1 : 0.6, transition: 'opacity 120ms' }} aria-busy={dashboard.fresh ? 'false' : 'true'}>
          <Section
            id="kpi-cards-title"
            title={t('dashboard.sections.figures', { month: monthName(data.month) })}
            aside={
              data.partial
                ? t('dashboard.sections.figuresAsidePartial', { days: formatCount(data.partial.days), ofDays: formatCount(data.partial.ofDays) })
                : t('dashboard.sections.figuresAside')
            }
          >
            <Box sx={CARD_GRID} data-testid="kpi-cards">
              {FIGURE_SPECS.map((spec) => (
                <KpiCard
                  key={spec.key}
                  spec={spec}
                  figure={data.figures[spec.key]}
                  previous={previousValue(data, spec.key)}
                  onShowFormula={() => {
                    setFormula({ label: t(spec.label), figure: data.figures[spec.key], currency: data.currency, periodText: period });
                  }}
                />
              ))}
            </Box>
          </Section>
          <Section
            id="kpi-currency-title"
            title={t('dashboard.sections.currencies')}
            aside={data.conversion ? t('dashboard.sections.currenciesConverted', { base: data.conversion.base }) : t('dashboard.currencyAlone', { currency: data.currency })}
          >
            <CurrencyTable dashboard={data} />
          </Section>
          <Section id="kpi-trend-title" title={t('dashboard.sections.trend')} aside={t('dashboard.sections.trendAside', { month: monthName(data.month) })}>
            <TrendCharts dashboard={data} />
          </Section>
          <Section id="kpi-breakdown-title" title={t('dashboard.sections.breakdown')} aside={monthName(data.month)}>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 2, alignItems: 'start' }}>
              <BreakdownTables dashboard={data} />
            </Box>
          </Section>
        </Box>
      )}

      <Section id="forecast-title" title={t('dashboard.sections.forecast')} aside={t('dashboard.sections.forecastAside')}>
        {forecast.error && <ErrorState error={forecast.error} onRetry={forecast.retry} what={t('dashboard.whatForecast')} />}
        {!forecast.data && !forecast.error && forecast.slow && <Skeleton variant="rounded" height={300} />}
        {forecast.data && <ForecastPanel forecast={forecast.data} currency={currency ?? null} />}
      </Section>

      <FormulaDialog
        request={formula}
        onClose={() => {
          setFormula(null);
        }}
      />
    </Box>
  );
}
