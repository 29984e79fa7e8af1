/** The worklist's credit cell: the share of the credit limit the open balance uses, red above the limit. */
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { creditUsedPercentText, isOverCreditLimit, NEAR_LIMIT_BP } from '../../../shared/domain/credit';

const cellSx = { px: 1, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function CreditCell({ bp }: { bp: number | null }) {
  if (bp === null) {
    return (
      <Box role="gridcell" sx={{ ...cellSx, color: 'text.secondary' }} aria-label="No credit limit">
        —
      </Box>
    );
  }
  const over = isOverCreditLimit(bp);
  const text = creditUsedPercentText(bp);
  const sentence = over ? `Over the credit limit: ${text} used` : `${text} of the credit limit used`;
  return (
    <Tooltip title={sentence}>
      <Box
        role="gridcell"
        sx={{ ...cellSx, color: over ? 'error.main' : bp >= NEAR_LIMIT_BP ? 'warning.main' : 'text.primary', fontWeight: over ? 700 : 400 }}
        aria-label={sentence}
        data-testid="credit-used"
        data-over={over ? 'true' : 'false'}
      >
        {text}
      </Box>
    </Tooltip>
  );
}
