export declare const ACCEPTED_FINDINGS: readonly { readonly check: string; readonly file: string; readonly why: string }[];
