import Chip from '@mui/material/Chip';
import type { RiskClass } from '../../../shared/domain/codes';
import { RISK_CLASS_LABELS } from '../../../shared/domain/labels';

const RISK_COLORS: Record<RiskClass, 'default' | 'info' | 'warning' | 'error'> = {
  low: 'default',
  medium: 'info',
  high: 'warning',
  critical: 'error',
};

export function RiskChip({ risk }: { risk: RiskClass }) {
  return (
    <Chip
      size="small"
      label={RISK_CLASS_LABELS[risk]}
      color={RISK_COLORS[risk]}
      variant={risk === 'low' ? 'outlined' : 'filled'}
      aria-label={`Risk ${RISK_CLASS_LABELS[risk].toLowerCase()}`}
      sx={{ height: 20, fontSize: '0.72rem' }}
    />
  );
}
