/** The worklist's payment-behaviour cell: average days paid after the due date, and the share paid late. */
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { paymentSentence, shareText, signedDays, type PaymentFigures } from '../common/paymentText';
import { NUMERIC_CELL_SX } from './cellStyles';


export function PaymentCell({ payments }: { payments: PaymentFigures | null }) {
  const { t } = useTranslation();
  if (payments === null) {
    return (
      <Box role="gridcell" sx={{ ...NUMERIC_CELL_SX, color: 'text.secondary' }} aria-label={t('worklist.pays.none')}>
        —
      </Box>
    );
  }
  const sentence = paymentSentence(payments);
  return (
    <Tooltip title={sentence}>
      <Box role="gridcell" sx={NUMERIC_CELL_SX} aria-label={sentence} data-testid="pays">
        <Box component="span" sx={{ color: payments.averageDaysLate > 0 ? 'warning.main' : 'text.primary' }}>
          {signedDays(payments.averageDaysLate)}
        </Box>
        <Box component="span" sx={{ color: 'text.secondary' }}>
          {' · '}
          {shareText(payments.shareLate)}
        </Box>
      </Box>
    </Tooltip>
  );
}
