import Add from '@mui/icons-material/Add';
import Delete from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { TextArea } from '../common/TextArea';
import Typography from '@mui/material/Typography';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../shared/domain/codes';
import { DateField } from '../common/DateField';
import { money } from '../common/format';
import { PAYMENT_METHOD_LABEL_KEYS } from '../common/labels';
import type { ErrorView } from './errors';
import { splitInstalments } from '../../../shared/domain/promise-plan';
import { addMonths, amountText, parseAmount, type PromiseForm } from './validation';
import { lengthCounter } from '../common/textLength';

const PAYMENT_METHODS = Object.keys(PAYMENT_METHOD_LABEL_KEYS) as PaymentMethod[];
/** More covered items than this are cut short with an ellipsis in the scope line. */
const ITEMS_NAMED = 4;

interface PromiseFieldsProps {
  readonly value: PromiseForm;
  readonly onChange: (next: PromiseForm, touchedKey: string) => void;
  readonly errors: ErrorView;
  /** 'promise.' inside the contact form, '' on its own: the server's field names. */
  readonly prefix: string;
  /** Document numbers of the covered items, for the summary line. */
  readonly itemLabels: readonly string[];
  readonly openTotalMinor: number | undefined;
  readonly today: string;
  readonly firstFieldRef?: Ref<HTMLInputElement>;
}

/** Default plan: three monthly instalments from the first date, splitting the amount exactly. */
function proposePlan(form: PromiseForm, today: string, totalMinor: number | undefined, count = 3): PromiseForm['instalments'] {
  const start = form.promisedDate !== '' ? form.promisedDate : today;
  const dates = Array.from({ length: count }, (_, index) => addMonths(start, index));
  // The command's own split (exact, the first instalments carry the remainder); a total too small to split proposes no amounts.
  const amounts = totalMinor !== undefined && totalMinor >= count ? splitInstalments(totalMinor, dates).map((instalment) => instalment.amountMinor) : [];
  return dates.map((date, index) => ({ date, amount: amounts[index] !== undefined ? amountText(amounts[index], form.currency) : '' }));
}

export function PromiseFields({ value, onChange, errors, prefix, itemLabels, openTotalMinor, today, firstFieldRef }: PromiseFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<PromiseForm>, key: string) => {
    onChange({ ...value, ...patch }, `${prefix}${key}`);
  };
  const typedTotal = parseAmount(value.amount, value.currency);
  const planTotal = typedTotal.ok ? typedTotal.minor : openTotalMinor;
  const instalmentSum = value.instalments.reduce((sum, instalment) => {
    const parsed = parseAmount(instalment.amount, value.currency);
    return parsed.ok ? sum + parsed.minor : sum;
  }, 0);
  const setInstalment = (index: number, patch: Partial<PromiseForm['instalments'][number]>, key: string) => {
    set({ instalments: value.instalments.map((instalment, i) => (i === index ? { ...instalment, ...patch } : instalment)) }, `instalments.${index}.${key}`);
  };
  const amountError = errors.of(`${prefix}${value.plan ? 'totalMinor' : 'amountMinor'}`);
  const named = `${itemLabels.slice(0, ITEMS_NAMED).join(t('collector.items.separator'))}${itemLabels.length > ITEMS_NAMED ? '…' : ''}`;
  const covers = t('collector.promise.coversItems', { count: itemLabels.length, items: named });
  const scope =
    itemLabels.length === 0
      ? t('collector.promise.coversAccount', { currency: value.currency })
      : openTotalMinor === undefined
        ? covers
        : `${covers} · ${t('collector.items.openAmount', { amount: money(openTotalMinor, value.currency) })}`;

  return (
    <Box role="group" aria-label={t('collector.promise.group')} sx={{ display: 'grid', gap: 1.5 }}>
      <Typography variant="body2" color="text.secondary" data-testid="promise-scope">
        {scope}
      </Typography>
      {errors.of(`${prefix}itemIds`) !== undefined && (
        <Typography variant="caption" color="error" role="alert">
          {t('collector.promise.itemsError', { problem: errors.of(`${prefix}itemIds`) })}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 90px 1fr', gap: 1.5 }}>
        <TextField
          label={value.plan ? t('collector.promise.planTotal') : t('collector.fields.amount')}
          value={value.amount}
          onChange={(event) => {
            set({ amount: event.target.value }, value.plan ? 'totalMinor' : 'amountMinor');
          }}
          error={amountError !== undefined}
          helperText={amountError ?? (itemLabels.length > 0 ? t('collector.promise.itemsOpenTotal') : ' ')}
          inputRef={firstFieldRef}
          // Selected whole on focus: what is typed replaces the items' total instead of running on after it.
          onFocus={(event) => {
            event.target.select();
          }}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-describedby': undefined } }}
        />
        <TextField label={t('collector.promise.currency')} value={value.currency} disabled slotProps={{ htmlInput: { 'aria-readonly': true } }} />
        {!value.plan && (
          <DateField
            label={t('collector.promise.promisedDate')}
            required
            value={value.promisedDate}
            onChange={(promisedDate) => {
              set({ promisedDate }, 'promisedDate');
            }}
            error={errors.of(`${prefix}promisedDate`) !== undefined}
            helperText={errors.of(`${prefix}promisedDate`) ?? ' '}
            min={today}
          />
        )}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, alignItems: 'start' }}>
        <TextField
          select
          label={t('collector.promise.paymentMethod')}
          value={value.paymentMethod}
          onChange={(event) => {
            set({ paymentMethod: event.target.value as PaymentMethod | '' }, 'paymentMethod');
          }}
        >
          <MenuItem value="">{t('collector.promise.notStated')}</MenuItem>
          {PAYMENT_METHODS.map((method) => (
            <MenuItem key={method} value={method}>
              {t(PAYMENT_METHOD_LABEL_KEYS[method])}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={value.plan}
              onChange={(event) => {
                const plan = event.target.checked;
                set({ plan, instalments: plan && value.instalments.length === 0 ? proposePlan(value, today, planTotal) : value.instalments }, 'instalments');
              }}
            />
          }
          label={t('collector.promise.plan')}
        />
      </Box>
      {value.plan && (
        <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, m: 0, px: 1.5, pb: 1 }}>
          <Box component="legend" sx={{ px: 0.5, fontSize: '0.8rem', color: 'text.secondary' }}>
            {t('collector.promise.instalmentsLegend')}
          </Box>
          {value.instalments.map((instalment, index) => (
            <Box key={index} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 40px', gap: 1, alignItems: 'start', mt: 1 }}>
              <DateField
                label={t('collector.promise.instalmentDate', { number: index + 1 })}
                value={instalment.date}
                onChange={(date) => {
                  setInstalment(index, { date }, 'promisedDate');
                }}
                error={errors.of(`${prefix}instalments.${index}.promisedDate`) !== undefined}
                helperText={errors.of(`${prefix}instalments.${index}.promisedDate`)}
              />
              <TextField
                label={t('collector.promise.instalmentAmount', { number: index + 1 })}
                value={instalment.amount}
                onChange={(event) => {
                  setInstalment(index, { amount: event.target.value }, 'amountMinor');
                }}
                error={errors.of(`${prefix}instalments.${index}.amountMinor`) !== undefined}
                helperText={errors.of(`${prefix}instalments.${index}.amountMinor`)}
                slotProps={{ htmlInput: { inputMode: 'decimal' } }}
              />
              <IconButton
                aria-label={t('collector.promise.removeInstalment', { number: index + 1 })}
                disabled={value.instalments.length <= 2}
                onClick={() => {
                  set({ instalments: value.instalments.filter((_, i) => i !== index) }, 'instalments');
                }}
              >
                <Delete fontSize="small" />
              </IconButton>
            </Box>
          ))}
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1, flexWrap: 'wrap' }}>
            <Button
              size="small"
              startIcon={<Add />}
              onClick={() => {
                const lastDate = value.instalments.at(-1)?.date ?? today;
                set({ instalments: [...value.instalments, { date: addMonths(lastDate, 1), amount: '' }] }, 'instalments');
              }}
            >
              {t('collector.promise.addInstalment')}
            </Button>
            <Button
              size="small"
              disabled={planTotal === undefined}
              onClick={() => {
                set({ instalments: proposePlan(value, today, planTotal, Math.max(2, value.instalments.length)) }, 'instalments');
              }}
            >
              {t('collector.promise.splitEvenly')}
            </Button>
            <Box sx={{ flex: 1 }} />
            <Typography variant="body2" data-testid="plan-sum" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {planTotal === undefined
                ? t('collector.promise.sum', { sum: money(instalmentSum, value.currency) })
                : t('collector.promise.sumOf', { sum: money(instalmentSum, value.currency), total: money(planTotal, value.currency) })}
            </Typography>
          </Box>
          {errors.of(`${prefix}instalments`) !== undefined && (
            <Typography variant="caption" color="error" role="alert">
              {errors.of(`${prefix}instalments`)}
            </Typography>
          )}
        </Box>
      )}
      <TextArea
        label={t('collector.promise.note')}
        minRows={1}
        value={value.note}
        onChange={(event) => {
          set({ note: event.target.value }, 'note');
        }}
        error={errors.of(`${prefix}note`) !== undefined}
        helperText={errors.of(`${prefix}note`) ?? lengthCounter(value.note)}
      />
    </Box>
  );
}
