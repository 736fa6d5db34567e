import type { Address } from './types';

// A new shipping address read from the customer's own words. Only a complete address that passes
// validation is ever used by the automation; anything less returns what is missing so the reply can
// ask for exactly those parts. The customer's text chooses the address, never anything else.
//
// Recognised: a lead-in ("new address:", "ship it to", "change the address to", "send it to") and
// then either one line "12 Oak St, Apt 4, Springfield, IL 62704[, US]" or the same over several lines.

export type AddressPart = 'street' | 'city' | 'state or province' | 'postal code' | 'country';

export type ParsedAddress =
  | { found: false }
  | { found: true; complete: true; address: Partial<Address> }
  | { found: true; complete: false; address: Partial<Address>; missing: AddressPart[] };

const LEAD_IN =
  /(?:new (?:shipping |delivery )?address(?: is)?|(?:ship|send|deliver) (?:it|them|the (?:order|parcel|package))? ?to|(?:change|update|correct) (?:the |my )?(?:shipping |delivery )?address(?: (?:of|on|for) (?:my )?(?:order )?#?[\w-]+)? to|correct address(?: is)?|address should be|nueva direcci[oó]n(?: es)?|nouvelle adresse(?: est)?|neue adresse(?: ist)?|nuovo indirizzo(?: [eè])?|novo endere[cç]o(?: [eé])?)\s*[:\-–]?\s*/i;

// Postal codes by country (ISO 3166-1 alpha-2). A code that doesn't fit its country is not valid.
const POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(?:-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  AU: /^\d{4}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  PT: /^\d{4}-\d{3}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
};

const COUNTRY_NAMES: Record<string, string> = {
  us: 'US',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  canada: 'CA',
  ca: 'CA',
  uk: 'GB',
  gb: 'GB',
  'united kingdom': 'GB',
  england: 'GB',
  australia: 'AU',
  au: 'AU',
  germany: 'DE',
  deutschland: 'DE',
  de: 'DE',
  france: 'FR',
  fr: 'FR',
  spain: 'ES',
  espana: 'ES',
  españa: 'ES',
  es: 'ES',
  italy: 'IT',
  italia: 'IT',
  it: 'IT',
  portugal: 'PT',
  pt: 'PT',
  netherlands: 'NL',
  nederland: 'NL',
  nl: 'NL',
};

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

const STREET = /^(?:\d+[A-Za-z]?(?:[-/]\d+)?\s+\S.*|.*\S\s+\d+[A-Za-z]?(?:[-/]\d+)?)$/; // "12 Oak St" or "Hauptstraße 5"
const UNIT = /^(?:apt|apartment|unit|suite|ste|flat|#|piso|etage|wohnung|interno|andar)\b\.?\s*\S+/i;

/** The address block after the lead-in: the rest of that line, or the following lines up to a blank one. */
function block(message: string): string | null {
  const m = LEAD_IN.exec(message);
  if (!m) return null;
  const rest = message.slice(m.index + m[0].length);
  const lines = rest.split('\n');
  // The address ends where the next sentence starts: after a period that follows a postal code or a
  // country, or before a sign-off on the same line.
  const first = lines[0]
    .replace(/[.!?]?\s+(?:thanks|thank you|cheers|regards|best|gracias|merci|danke|grazie|obrigad)\b.*$/i, '')
    .replace(/(?<=[\dA-Za-z])[.!?]\s+(?=[A-Z][a-z]+\b[^,]*$).*$/, '')
    .trim();
  const following: string[] = [];
  for (const l of lines.slice(1)) {
    if (!l.trim()) break;
    if (/^(thanks|thank you|best|regards|cheers|gracias|merci|danke|grazie|obrigad)/i.test(l.trim())) break;
    following.push(l.trim());
  }
  const text = [first, ...following].filter(Boolean).join(', ');
  return text ? text.replace(/[.!]+$/, '') : null;
}

/**
 * Reads a complete new address, or says which parts are missing. `fallbackCountry` is the order's
 * current country: a customer moving within a country rarely writes it.
 */
export function parseAddressFromMessage(message: string, fallbackCountry: string | null): ParsedAddress {
  const text = block(message);
  if (!text) return { found: false };
  const parts = text
    .split(/\s*,\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const address: Partial<Address> = {};
  // Country: the last part if it names one.
  const last = parts[parts.length - 1]?.toLowerCase();
  if (last && COUNTRY_NAMES[last]) {
    address.countryCode = COUNTRY_NAMES[last];
    parts.pop();
  } else if (fallbackCountry) address.countryCode = fallbackCountry.toUpperCase();
  const country = address.countryCode ?? null;
  // Postal code (and a state/province before it) from the end: "IL 62704", "62704", "M5V 2T6", "10115 Berlin".
  for (let i = parts.length - 1; i >= 0 && !address.zip; i--) {
    const p = parts[i];
    const usLike = /^(?:([A-Z]{2})\s+)?([A-Z0-9][A-Z0-9 -]{2,9})$/i.exec(p);
    const euLike = /^(\d{4,5}(?:-\d{3})?|\d{4} ?[A-Z]{2})\s+(\S.*)$/i.exec(p); // "10115 Berlin", "1000-001 Lisboa"
    if (euLike && country && POSTAL[country]?.test(euLike[1])) {
      address.zip = euLike[1];
      address.city = euLike[2];
      parts.splice(i, 1);
    } else if (usLike && country && POSTAL[country]?.test(usLike[2].trim())) {
      address.zip = usLike[2].trim().toUpperCase();
      if (usLike[1]) address.provinceCode = usLike[1].toUpperCase();
      parts.splice(i, 1);
    }
  }
  // Street first, then an optional unit, then the city.
  const street = parts.find((p) => STREET.test(p) && !UNIT.test(p));
  if (street) {
    address.address1 = street;
    parts.splice(parts.indexOf(street), 1);
  }
  const unit = parts.find((p) => UNIT.test(p));
  if (unit) {
    address.address2 = unit;
    parts.splice(parts.indexOf(unit), 1);
  }
  if (!address.city && parts.length) {
    const cityPart = parts.pop()!;
    // "Springfield IL" when the state rode with the city instead of the zip.
    const withState = /^(.*\S)\s+([A-Z]{2})$/.exec(cityPart);
    if (withState && !address.provinceCode && (US_STATES.has(withState[2]) || CA_PROVINCES.has(withState[2]))) {
      address.city = withState[1];
      address.provinceCode = withState[2];
    } else address.city = cityPart;
  }
  const missing = validate(address);
  return missing.length ? { found: true, complete: false, address, missing } : { found: true, complete: true, address };
}

/** What a complete, valid address still lacks. US and Canadian addresses need a valid state/province. */
export function validate(a: Partial<Address>): AddressPart[] {
  const missing: AddressPart[] = [];
  if (!a.address1 || !STREET.test(a.address1)) missing.push('street');
  if (!a.city || !/\p{L}/u.test(a.city)) missing.push('city');
  if (!a.countryCode || !POSTAL[a.countryCode]) missing.push('country');
  if (!a.zip || (a.countryCode && POSTAL[a.countryCode] && !POSTAL[a.countryCode].test(a.zip))) missing.push('postal code');
  if (a.countryCode === 'US' && !(a.provinceCode && US_STATES.has(a.provinceCode))) missing.push('state or province');
  if (a.countryCode === 'CA' && !(a.provinceCode && CA_PROVINCES.has(a.provinceCode))) missing.push('state or province');
  return [...new Set(missing)];
}
