/**
 * Long free text in a form: the box grows up to a bound (common/TextArea) and then scrolls, so a pasted essay cannot
 * push the field's error (or the Save button) off screen; the counter says how close the limit is.
 */
import { NOTE_MAX } from '../../../shared/domain/text';
import { formatCount } from './format';

/** "1,234 / 5,000": the characters typed against the limit the server enforces. */
export function lengthCounter(text: string, max: number = NOTE_MAX): string {
  return `${formatCount(text.length)} / ${formatCount(max)}`;
}
