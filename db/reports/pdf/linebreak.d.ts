declare module 'linebreak' {
  /** UAX #14 line breaking: the positions (UTF-16 offsets) after which a line may end. */
  export class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
