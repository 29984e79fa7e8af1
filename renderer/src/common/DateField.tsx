/**
 * A calendar-date field: MUI X's date picker (typed sections and a calendar) in the order and words
 * of the user's language and locale (app/DateLocalization.tsx provides them), taking and giving ISO
 * dates ('YYYY-MM-DD'), as the forms and the API speak them. '' is an empty field; a date begun but
 * not finished, or no real day, is INCOMPLETE_DATE (common/dateEntry.ts), which the forms refuse,
 * so it never passes for an empty field or another day. The form says what is wrong (`error`,
 * `helperText`), as it did under the native fields: the picker's own checks only grey out days
 * before `min` and after `max` in the calendar.
 */
import type { SxProps, Theme } from '@mui/material/styles';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { PickersTextField, type PickersTextFieldProps } from '@mui/x-date-pickers/PickersTextField';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { dateOfIso, INCOMPLETE_DATE, isoOfDate } from './dateEntry';

export interface DateFieldProps {
  readonly label: string;
  /** 'YYYY-MM-DD', '' for none, or INCOMPLETE_DATE. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly helperText?: ReactNode;
  readonly error?: boolean;
  readonly required?: boolean;
  /** The first and last days the calendar offers ('YYYY-MM-DD'); typing outside them is the form's to refuse. */
  readonly min?: string;
  readonly max?: string;
  readonly disabled?: boolean;
  readonly autoFocus?: boolean;
  readonly fullWidth?: boolean;
  readonly size?: 'small' | 'medium';
  readonly sx?: SxProps<Theme>;
  /** Put on the field's group of sections, the element that bears its name. */
  readonly inputProps?: { readonly 'aria-label'?: string; readonly 'data-testid'?: string };
}

/** Tells the field whether any section holds a typed digit: the picker gives no value until all of them do, nor when one of a date's is deleted. */
const TypedReport = createContext<(typed: boolean) => void>(() => undefined);

/** The picker's text field, reporting each edit of its sections (their text is `value`, that of the hidden input). */
function ReportingTextField(props: PickersTextFieldProps) {
  const report = useContext(TypedReport);
  const text = props.value;
  const typed = !props.areAllSectionsEmpty;
  const previous = useRef(text);
  useEffect(() => {
    // Edits only: a field that opens empty on a value it cannot show (a restored draft's unfinished date) keeps that value until touched.
    if (previous.current === text) return;
    previous.current = text;
    report(typed);
  }, [report, text, typed]);
  return <PickersTextField {...props} />;
}

/** What the field shows: its ISO value and the Date given to the picker for it (kept, so an unfinished entry stays as typed). */
interface Shown {
  readonly iso: string;
  readonly date: Date | null;
  /** Bumped when the value is changed from outside, which starts the picker afresh (it would keep half-typed sections otherwise). */
  readonly generation: number;
}

export function DateField({ label, value, onChange, helperText, error = false, required = false, min, max, disabled = false, autoFocus = false, fullWidth = false, size = 'small', sx, inputProps }: DateFieldProps) {
  const [shown, setShown] = useState<Shown>(() => ({ iso: value, date: dateOfIso(value), generation: 0 }));
  let current = shown;
  if (value !== shown.iso) {
    // Set from outside (a default, a button, a restored draft): adjust while rendering, as React advises for state derived from props.
    current = { iso: value, date: dateOfIso(value), generation: shown.generation + 1 };
    setShown(current);
  }

  const publish = (iso: string, date: Date | null) => {
    setShown((previous) => ({ ...previous, iso, date }));
    if (iso !== current.iso) onChange(iso);
  };
  const onTyped = (typed: boolean) => {
    // Digits in some sections but no date: no longer empty (nor the date that was there). Every section emptied: empty.
    if (current.date !== null) return;
    if (typed && current.iso === '') publish(INCOMPLETE_DATE, null);
    else if (!typed && current.iso === INCOMPLETE_DATE) publish('', null);
  };

  const minDate = useMemo(() => (min === undefined ? undefined : (dateOfIso(min) ?? undefined)), [min]);
  const maxDate = useMemo(() => (max === undefined ? undefined : (dateOfIso(max) ?? undefined)), [max]);

  return (
    <TypedReport.Provider value={onTyped}>
      <DesktopDatePicker
        key={current.generation}
        label={label}
        value={current.date}
        onChange={(date) => {
          publish(isoOfDate(date), date);
        }}
        minDate={minDate}
        maxDate={maxDate}
        disabled={disabled}
        autoFocus={autoFocus}
        slots={{ textField: ReportingTextField }}
        slotProps={{
          textField: {
            onKeyDown: (event) => {
              // Enter submits the form, as in a native field; Ctrl+Enter is the forms' own save, which must not run twice.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) (event as typeof event & { defaultMuiPrevented?: boolean }).defaultMuiPrevented = true;
            },
            helperText,
            error,
            required,
            fullWidth,
            size,
            sx,
            slotProps: {
              // Always up, so the empty field shows the order its date is typed in (TT.MM.JJJJ).
              inputLabel: { shrink: true },
              ...(inputProps === undefined ? {} : { input: inputProps }),
            },
          },
        }}
      />
    </TypedReport.Provider>
  );
}
