import { clsx } from 'clsx';
import type { TFunction } from 'i18next';
import type { RiskClass } from '../../../shared/domain/codes';
import { RISK_CLASS_LABEL_KEYS } from './labels';
import styles from './RiskChip.module.css';

/** What a screen reader says for the chip: the class with what it is a class of. */
const RISK_ARIA_KEYS = {
  low: 'common.risk.aria.low',
  medium: 'common.risk.aria.medium',
  high: 'common.risk.aria.high',
  critical: 'common.risk.aria.critical',
} as const satisfies Record<RiskClass, string>;

/**
 * Plain elements and static classes, and the caller's `t` (no hook): the worklist draws one per row,
 * and each useTranslation costs a copy of the i18n instance when it mounts.
 */
export function RiskChip({ risk, t }: { risk: RiskClass; t: TFunction }) {
  return (
    <div className={clsx(styles.chip, styles[risk])} aria-label={t(RISK_ARIA_KEYS[risk])} data-risk={risk}>
      {t(RISK_CLASS_LABEL_KEYS[risk])}
    </div>
  );
}
