import Chip from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import type { RiskClass } from '../../../shared/domain/codes';
import { RISK_CLASS_LABEL_KEYS } from './labels';

const RISK_COLORS: Record<RiskClass, 'default' | 'info' | 'warning' | 'error'> = {
  low: 'default',
  medium: 'info',
  high: 'warning',
  critical: 'error',
};

/** What a screen reader says for the chip: the class with what it is a class of. */
const RISK_ARIA_KEYS = {
  low: 'common.risk.aria.low',
  medium: 'common.risk.aria.medium',
  high: 'common.risk.aria.high',
  critical: 'common.risk.aria.critical',
} as const satisfies Record<RiskClass, string>;

export function RiskChip({ risk }: { risk: RiskClass }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(RISK_CLASS_LABEL_KEYS[risk])}
      color={RISK_COLORS[risk]}
      variant={risk === 'low' ? 'outlined' : 'filled'}
      aria-label={t(RISK_ARIA_KEYS[risk])}
      sx={{ height: 20, fontSize: '0.72rem' }}
    />
  );
}
