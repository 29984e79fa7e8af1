/**
 * ISO 4217 List One: every current currency code and its minor unit, the precision amounts are
 * stored at. Not the runtime's locale data: CLDR rounds HUF, IDR, COP and a dozen more to whole
 * units for display, while invoices in them carry the ISO decimals (1234.50 HUF is a valid amount).
 * Display rounding is `customaryDigits` in money.ts, kept apart from this table.
 */

/** Minor units by code; `null` where ISO says "N.A." (precious metals, units of account, testing codes). */
const BY_MINOR_UNIT: Readonly<Record<'0' | '2' | '3' | '4' | 'none', string>> = {
  '0': 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  '2':
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
    'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
    'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
    'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB ' +
    'TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  '3': 'BHD IQD JOD KWD LYD OMR TND',
  '4': 'CLF UYW',
  none: 'XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX',
};

export const ISO_4217_MINOR_UNITS: ReadonlyMap<string, number | null> = new Map(
  Object.entries(BY_MINOR_UNIT).flatMap(([unit, codes]) =>
    codes.split(' ').map((code): [string, number | null] => [code, unit === 'none' ? null : Number(unit)]),
  ),
);

/**
 * Decimals an amount in `currency` is stored with. A code ISO gives no minor unit (XAU, XDR), or one
 * not on the current list (a withdrawn code, or a damaged stored value), counts with two, so its rows
 * still add up and print.
 */
export const STORED_DIGITS_WITHOUT_MINOR_UNIT = 2;
