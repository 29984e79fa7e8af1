import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { KpiFigureView } from '../../../shared/api/kpi-schemas';
import { formatFigure, unitSuffix } from './figures';
import { inputRows } from './inputs';
import { formulaText, reasonText } from './kpiText';

export interface FormulaRequest {
  readonly label: string;
  readonly figure: KpiFigureView;
  readonly currency: string;
  /** The period the figure is for, in words. */
  readonly periodText: string;
}

/** How a figure was reached: its formula, the numbers that went in, and why there is no value when there is none. */
export function FormulaDialog({ request, onClose }: { request: FormulaRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const figure = request?.figure;
  return (
    <Dialog open={request !== null} onClose={onClose} aria-labelledby="formula-title" maxWidth="sm" fullWidth>
      {request && figure && (
        <>
          <DialogTitle id="formula-title">{request.label}</DialogTitle>
          <DialogContent sx={{ display: 'grid', gap: 2 }}>
            <Typography variant="body2" color="text.secondary">
              {request.periodText}
            </Typography>
            <Typography variant="h2" component="p" data-testid="formula-value">
              {formatFigure(figure.value, figure.unit)} {figure.value !== null ? unitSuffix(t, figure.unit) : ''}
            </Typography>
            {figure.reason && <Alert severity="info">{t('dashboard.formula.noValue', { reason: reasonText(t, figure.reason) })}</Alert>}
            <div>
              <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
                {t('dashboard.formula.formula')}
              </Typography>
              <Typography component="p" data-testid="formula-text" sx={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '0.9rem' }}>
                {formulaText(t, figure.formula)}
              </Typography>
            </div>
            <div>
              <Typography variant="h3" component="h3" sx={{ mb: 0.5 }} id="formula-inputs-title">
                {t('dashboard.formula.inputs')}
              </Typography>
              <Table size="small" aria-labelledby="formula-inputs-title">
                <TableBody>
                  {inputRows(t, figure, request.currency).map((row) => (
                    <TableRow key={row.name}>
                      <TableCell component="th" scope="row" sx={{ color: 'text.secondary' }}>
                        {row.name}
                      </TableCell>
                      <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {row.value}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} autoFocus>
              {t('dashboard.formula.close')}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
