import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

export interface Factor {
  readonly key: string;
  readonly label: string;
  readonly contribution: number;
  readonly detail: string;
}

const signed = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n * 10) / 10)}`;

/** The priority score broken down into its weighted factors, largest effect first. */
export function ScoreFactors({ score, factors }: { score: number; factors: readonly Factor[] }) {
  const sorted = [...factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Priority score <strong>{Math.round(score)}</strong>
      </Typography>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No factor applies.
        </Typography>
      ) : (
        <Box component="ul" aria-label="Score factors" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.75 }}>
          {sorted.map((factor) => (
            <Box component="li" key={factor.key} data-factor={factor.key} sx={{ display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 2 }}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {factor.label}
              </Typography>
              <Typography
                variant="body2"
                sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, color: factor.contribution < 0 ? 'success.main' : 'error.main' }}
              >
                {signed(factor.contribution)}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>
                {factor.detail}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
