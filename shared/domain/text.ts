/**
 * The one rule for text a person typed (or an ERP export carried) before it is stored anywhere:
 * the desktop's commands, the server's push and import, the sign-in name. Text that breaks it is
 * refused with the reason, never stored altered:
 *
 * - control characters (C0, DEL, C1) other than tab and line feed: PostgreSQL refuses NUL outright
 *   (a push that carried one failed forever), and the others are invisible in every view. Carriage
 *   return is refused too: the app's text boxes hand over line feeds only, and the import turns an
 *   export's CR LF into LF before the rule applies;
 * - the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
 *   they make a text display in another order than it reads ("Trojan Source"); the marks U+200E,
 *   U+200F and U+061C that right-to-left writing needs are fine;
 * - lone UTF-16 surrogates: not Unicode at all. Stored as UTF-8 they would become U+FFFD, so the
 *   server's copy would differ from the client's.
 */
import type { Refusal, RefusalKey } from '../i18n/refusals';

export const TEXT_PROBLEMS = ['control_character', 'bidi_control', 'lone_surrogate'] as const;
export type TextProblem = (typeof TEXT_PROBLEMS)[number];

/** The refusal of each problem, whose words end a sentence naming the field ("body contains a control character"). */
export const TEXT_PROBLEM_REFUSALS: Readonly<Record<TextProblem, RefusalKey>> = {
  control_character: 'textControlCharacter',
  bidi_control: 'textBidiControl',
  lone_surrogate: 'textLoneSurrogate',
};

const TAB = 0x09;
const LINE_FEED = 0x0a;

const isControl = (unit: number): boolean => (unit < 0x20 && unit !== TAB && unit !== LINE_FEED) || (unit >= 0x7f && unit <= 0x9f);
const isBidiControl = (unit: number): boolean => (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069);
const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** The problem of the first character that breaks the rule, or null when the text may be stored. */
export function textProblem(text: string): TextProblem | null {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (isControl(unit)) return 'control_character';
    if (isBidiControl(unit)) return 'bidi_control';
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1))) index += 1;
    else if (isHighSurrogate(unit) || isLowSurrogate(unit)) return 'lone_surrogate';
  }
  return null;
}

/** Why the text may not be stored, as a refusal (the form's words and the command's), or null. */
export function textRefusal(text: string): Refusal | null {
  const problem = textProblem(text);
  return problem === null ? null : { key: TEXT_PROBLEM_REFUSALS[problem] };
}

/**
 * Text from a file, quoted for a report or a terminal: every unit the text rule would refuse
 * (controls, tab and line feed too, bidi controls, lone surrogates) is shown as \uXXXX, so what is
 * printed is what the file holds and cannot move the cursor or reorder the line around it.
 */
export function quotedForDisplay(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const paired = (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1))) || (isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(index - 1)));
    const unsafe = unit < 0x20 || isControl(unit) || isBidiControl(unit) || ((isHighSurrogate(unit) || isLowSurrogate(unit)) && !paired);
    out += unsafe ? `\\u${unit.toString(16).padStart(4, '0')}` : unit === 0x22 || unit === 0x5c ? `\\${text[index] ?? ''}` : (text[index] ?? '');
  }
  return `"${out}"`;
}

/** Line breaks of any platform as line feeds, for text read from files (the import). */
export const normalizeLineBreaks = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The longest free text a form takes (a note, a dispute description): zod-free, so the renderer can show it. */
export const NOTE_MAX = 5_000;
/** A comment on a dispute step or on an escalation decision, and the reason an escalation is asked for. */
export const COMMENT_MAX = 2_000;
/** The reason given for one action: cancelling a promise, a snooze or pin, closing a follow-up, withdrawing an escalation, a reassignment. */
export const REASON_MAX = 500;
/** A follow-up's title, a contact person's name. */
export const TITLE_MAX = 200;
/** What a search box takes. */
export const SEARCH_MAX = 200;
/** A sign-in's username. */
export const USERNAME_MAX = 100;
/** A sign-in's password and a server's address. */
export const CREDENTIAL_MAX = 500;
/** The longest email address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

/** An optional text as it is stored: left out or left empty, it is none (null), on every side. */
export const storedOptionalText = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);
