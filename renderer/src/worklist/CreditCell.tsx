/** The worklist's credit cell: the share of the credit limit the open balance uses, red above the limit. */
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { creditUsedPercentText, isOverCreditLimit, NEAR_LIMIT_BP } from '../../../shared/domain/credit';
import { NUMERIC_CELL_SX } from './cellStyles';


export function CreditCell({ bp }: { bp: number | null }) {
  const { t } = useTranslation();
  if (bp === null) {
    return (
      <Box role="gridcell" sx={{ ...NUMERIC_CELL_SX, color: 'text.secondary' }} aria-label={t('worklist.credit.noLimit')}>
        —
      </Box>
    );
  }
  const over = isOverCreditLimit(bp);
  const text = creditUsedPercentText(bp);
  const sentence = t(over ? 'worklist.credit.over' : 'worklist.credit.used', { percent: text });
  return (
    <Tooltip title={sentence}>
      <Box
        role="gridcell"
        sx={{ ...NUMERIC_CELL_SX, color: over ? 'error.main' : bp >= NEAR_LIMIT_BP ? 'warning.main' : 'text.primary', fontWeight: over ? 700 : 400 }}
        aria-label={sentence}
        data-testid="credit-used"
        data-over={over ? 'true' : 'false'}
      >
        {text}
      </Box>
    </Tooltip>
  );
}
