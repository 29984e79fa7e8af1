import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { clsx } from 'clsx';
import styles from './TextArea.module.css';

type TextAreaProps = Omit<TextFieldProps, 'multiline' | 'rows' | 'minRows' | 'maxRows'> & {
  /** The rows it shows when empty; it grows to 8 with its text, then scrolls. */
  readonly minRows?: 1 | 2 | 3;
};

const MIN_ROWS_CLASS = { 1: styles.rows1, 2: styles.rows2, 3: styles.rows3 } as const;

/** A multi-line text field sized by the browser to its text (see TextArea.module.css). */
export function TextArea({ minRows = 1, className, slotProps, ...props }: TextAreaProps) {
  return (
    <TextField
      {...props}
      multiline
      className={clsx(styles.field, MIN_ROWS_CLASS[minRows], className)}
      slotProps={{ ...slotProps, input: { inputComponent: 'textarea' } }}
    />
  );
}
