export declare const ALLOWED_LICENCES: readonly string[];
export declare const LICENCE_DECISIONS: Readonly<Record<string, { readonly licence: string; readonly decision: string; readonly why: string }>>;
