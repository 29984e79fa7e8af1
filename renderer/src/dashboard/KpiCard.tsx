import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import FunctionsIcon from '@mui/icons-material/Functions';
import Remove from '@mui/icons-material/Remove';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { KpiFigureView } from '../../../shared/api/kpi-schemas';
import { displayValue, formatFigure, unitSuffix, type FigureSpec } from './figures';
import { reasonText } from './kpiText';

interface KpiCardProps {
  readonly spec: FigureSpec;
  readonly figure: KpiFigureView;
  /** Last month's value, for the trend arrow; null when there is none. */
  readonly previous: number | null;
  readonly onShowFormula: () => void;
}

function Trend({ figure, previous, better }: { figure: KpiFigureView; previous: number | null; better: FigureSpec['better'] }) {
  const { t } = useTranslation();
  if (figure.value === null || previous === null) return null;
  const delta = displayValue(figure.value, figure.unit) - displayValue(previous, figure.unit);
  const rounded = Math.round(delta * 100) / 100;
  const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const good = direction === 'flat' ? null : (direction === 'down') === (better === 'lower');
  const Icon = direction === 'up' ? ArrowUpward : direction === 'down' ? ArrowDownward : Remove;
  const color = good === null ? 'text.secondary' : good ? 'success.main' : 'error.main';
  const points = figure.unit === 'percent' || figure.unit === 'rate';
  const signed = `${rounded > 0 ? '+' : ''}${formatFigure(figure.unit === 'rate' ? rounded / 100 : rounded, figure.unit)}`;
  const change = points ? t('dashboard.card.changePoints', { change: signed }) : figure.unit === 'days' ? t('dashboard.card.changeDays', { change: signed }) : signed;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.25, color }} data-testid="kpi-trend" data-direction={direction}>
      <Icon sx={{ fontSize: '1rem' }} aria-hidden />
      <Typography variant="caption" sx={{ color: 'inherit', fontWeight: 600 }}>
        {t('dashboard.card.vsLastMonth', { change: direction === 'flat' ? t('dashboard.card.unchanged') : change })}
      </Typography>
    </Box>
  );
}

/** One KPI: value and unit, the change against last month, and a button to its formula and inputs. */
export function KpiCard({ spec, figure, previous, onShowFormula }: KpiCardProps) {
  const { t } = useTranslation();
  const label = t(spec.label);
  const reason = reasonText(t, figure.reason);
  const titleId = `kpi-${spec.key}-title`;
  return (
    <Paper
      component="article"
      aria-labelledby={titleId}
      variant="outlined"
      data-testid={`kpi-card-${spec.key}`}
      // One column no wider than the card: a longer language's title then wraps (two lines at most) instead of running under the formula button.
      sx={{ p: 1.5, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gridTemplateRows: 'auto 1fr auto', gap: 0.5, minHeight: 124 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 1 }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h3" component="h3" id={titleId} title={label} sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
            {label}
          </Typography>
          <Typography variant="caption" color="text.secondary" noWrap component="p">
            {t(spec.hint)}
          </Typography>
        </Box>
        <Tooltip title={t('dashboard.card.formula')}>
          <IconButton size="small" aria-label={t('dashboard.card.formulaOf', { label })} onClick={onShowFormula} sx={{ mt: -0.5, mr: -0.5 }}>
            <FunctionsIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75 }}>
        <Typography component="p" sx={{ fontSize: '1.75rem', fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }} data-testid="kpi-value">
          {formatFigure(figure.value, figure.unit)}
        </Typography>
        {figure.value !== null && (
          <Typography variant="body2" color="text.secondary">
            {unitSuffix(t, figure.unit)}
          </Typography>
        )}
      </Box>
      {figure.value === null ? (
        <Typography variant="caption" color="text.secondary" noWrap title={reason}>
          {reason}
        </Typography>
      ) : (
        <Trend figure={figure} previous={previous} better={spec.better} />
      )}
    </Paper>
  );
}
