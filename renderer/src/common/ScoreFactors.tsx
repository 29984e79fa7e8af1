import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Trans, useTranslation } from 'react-i18next';
import { factorDetail, factorLabel, type FactorWords } from './factorText';
import { numberFormat } from './format';

export interface Factor extends FactorWords {
  readonly contribution: number;
}

// Rounded first, so the sign and the digits agree; no grouping, as the figures were always written.
const signed = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${numberFormat({ maximumFractionDigits: 1, useGrouping: false }).format(Math.abs(Math.round(n * 10) / 10))}`;

/** The priority score broken down into its weighted factors, largest effect first. */
export function ScoreFactors({ score, factors }: { score: number; factors: readonly Factor[] }) {
  const { t } = useTranslation();
  const sorted = [...factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        <Trans i18nKey="common.score.priority" values={{ score: Math.round(score) }} components={{ 1: <strong /> }} />
      </Typography>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('common.score.noFactor')}
        </Typography>
      ) : (
        <Box component="ul" aria-label={t('common.score.factors')} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.75 }}>
          {sorted.map((factor) => (
            <Box component="li" key={factor.key} data-factor={factor.key} sx={{ display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 2 }}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {factorLabel(t, factor)}
              </Typography>
              <Typography
                variant="body2"
                sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, color: factor.contribution < 0 ? 'success.main' : 'error.main' }}
              >
                {signed(factor.contribution)}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>
                {factorDetail(t, factor)}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
