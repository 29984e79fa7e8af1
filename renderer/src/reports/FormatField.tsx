import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import type { ReportFormat } from '../../../shared/domain/report-entries';

export const FORMAT_LABELS = { csv: 'reports.format.csv', xlsx: 'reports.format.xlsx', pdf: 'reports.format.pdf' } as const satisfies Record<ReportFormat, string>;
const FORMATS = Object.keys(FORMAT_LABELS) as ReportFormat[];

export interface FormatState {
  readonly format: ReportFormat;
  readonly bom: boolean;
  readonly sheetPerCustomer: boolean;
}

interface FormatFieldProps {
  readonly value: FormatState;
  readonly onChange: (next: FormatState) => void;
  /** The notes export may split the workbook per customer; the aging has one sheet. */
  readonly sheetOption: boolean;
  readonly error: string | undefined;
}

/** File format with the option that belongs to it: a byte order mark for CSV, a sheet per customer for Excel. */
export function FormatField({ value, onChange, sheetOption, error }: FormatFieldProps) {
  const { t } = useTranslation();
  return (
    <FormControl component="fieldset" error={error !== undefined}>
      <FormLabel component="legend">{t('reports.format.legend')}</FormLabel>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 1 }}>
        <RadioGroup
          row
          value={value.format}
          onChange={(event) => {
            onChange({ ...value, format: event.target.value as ReportFormat });
          }}
        >
          {FORMATS.map((format) => (
            <FormControlLabel key={format} value={format} control={<Radio size="small" />} label={t(FORMAT_LABELS[format])} />
          ))}
        </RadioGroup>
        {value.format === 'csv' && (
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={value.bom}
                onChange={(event) => {
                  onChange({ ...value, bom: event.target.checked });
                }}
              />
            }
            label={t('reports.format.bom')}
          />
        )}
        {value.format === 'xlsx' && sheetOption && (
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={value.sheetPerCustomer}
                onChange={(event) => {
                  onChange({ ...value, sheetPerCustomer: event.target.checked });
                }}
              />
            }
            label={t('reports.format.sheetPerCustomer')}
          />
        )}
      </Box>
      {error !== undefined && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
