import type { Scanner } from './scanner';

// Carrier names and their common spellings, each mapped to one key, so "United Parcel Service"
// in a draft matches "UPS" on the fulfillment. Short all-capital names match only in capitals:
// "ups" is also the end of "follow-ups".

const CARRIERS: { key: string; names: string[]; hosts?: string[] }[] = [
  { key: 'ups', names: ['UPS', 'United Parcel Service', 'UPS SurePost', 'UPS Mail Innovations'], hosts: ['ups.com'] },
  {
    key: 'usps',
    names: ['USPS', 'United States Postal Service', 'U.S. Postal Service', 'US Postal Service', 'Postal Service'],
    hosts: ['usps.com'],
  },
  { key: 'fedex', names: ['FedEx', 'Fed Ex', 'Federal Express', 'FedEx Ground', 'FedEx SmartPost'], hosts: ['fedex.com'] },
  { key: 'dhl', names: ['DHL', 'DHL Express', 'DHL eCommerce', 'DHL Parcel'], hosts: ['dhl.com', 'dhl.de'] },
  { key: 'canada_post', names: ['Canada Post', 'Postes Canada'], hosts: ['canadapost.ca', 'canadapost-postescanada.ca'] },
  { key: 'royal_mail', names: ['Royal Mail'], hosts: ['royalmail.com'] },
  { key: 'parcelforce', names: ['Parcelforce', 'Parcelforce Worldwide'], hosts: ['parcelforce.com'] },
  { key: 'australia_post', names: ['Australia Post', 'AusPost'], hosts: ['auspost.com.au'] },
  { key: 'nz_post', names: ['NZ Post', 'New Zealand Post'], hosts: ['nzpost.co.nz'] },
  { key: 'purolator', names: ['Purolator'], hosts: ['purolator.com'] },
  { key: 'canpar', names: ['Canpar'] },
  { key: 'ontrac', names: ['OnTrac'], hosts: ['ontrac.com'] },
  { key: 'lasership', names: ['LaserShip'] },
  { key: 'amazon', names: ['Amazon Logistics', 'Amazon Shipping'] },
  { key: 'evri', names: ['Evri', 'Hermes'], hosts: ['evri.com'] },
  { key: 'dpd', names: ['DPD'], hosts: ['dpd.co.uk', 'dpd.com'] },
  { key: 'gls', names: ['GLS'] },
  { key: 'yodel', names: ['Yodel'] },
  { key: 'postnl', names: ['PostNL'] },
  { key: 'la_poste', names: ['La Poste', 'Colissimo'] },
  { key: 'chronopost', names: ['Chronopost'] },
  { key: 'deutsche_post', names: ['Deutsche Post'] },
  { key: 'japan_post', names: ['Japan Post'] },
  { key: 'china_post', names: ['China Post'] },
  { key: 'correos', names: ['Correos'] },
  { key: 'poste_italiane', names: ['Poste Italiane'] },
  { key: 'bpost', names: ['bpost'] },
  { key: 'swiss_post', names: ['Swiss Post'] },
  { key: 'an_post', names: ['An Post'] },
  { key: 'aramex', names: ['Aramex'] },
  { key: 'tnt', names: ['TNT'] },
  { key: 'sendle', names: ['Sendle'] },
  { key: 'couriers_please', names: ['CouriersPlease', 'Couriers Please'] },
  { key: 'asendia', names: ['Asendia'] },
  { key: 'landmark', names: ['Landmark Global'] },
  { key: 'veho', names: ['Veho'] },
  { key: 'uniuni', names: ['UniUni'] },
  { key: 'pitney_bowes', names: ['Pitney Bowes'] },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const caseSensitive = (name: string) => /^[A-Z]{2,5}$/.test(name);

// Longest names first, so "DHL Express" is one mention, not "DHL" plus a stray word.
const ALIASES = CARRIERS.flatMap((c) => c.names.map((name) => ({ key: c.key, name }))).sort((a, b) => b.name.length - a.name.length);
const PATTERNS = ALIASES.map((a) => ({
  key: a.key,
  re: new RegExp(`(?<![A-Za-z])${escapeRe(a.name)}(?![A-Za-z])`, caseSensitive(a.name) ? 'g' : 'gi'),
}));

export interface CarrierMention {
  start: number;
  end: number;
  text: string;
  key: string;
}

export function findCarriers(scanner: Scanner): CarrierMention[] {
  const out: CarrierMention[] = [];
  for (const p of PATTERNS) {
    scanner.each(p.re, (m) => {
      out.push({ start: m.index, end: m.index + m[0].length, text: m[0], key: p.key });
      return { start: m.index, end: m.index + m[0].length };
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The key of a carrier as Shopify stores it ("UPS", "FedEx Ground", "Acme Freight" -> "acme freight"). */
export function carrierKey(name: string): string {
  const hit = ALIASES.find((a) => new RegExp(`(?<![A-Za-z])${escapeRe(a.name)}(?![A-Za-z])`, 'i').test(name));
  return hit ? hit.key : name.trim().toLowerCase();
}

/** The carrier a tracking link belongs to, from its host, or null. */
export function carrierFromUrl(url: string): string | null {
  const host = /^https?:\/\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return null;
  const hit = CARRIERS.find((c) => c.hosts?.some((h) => host === h || host.endsWith(`.${h}`)));
  return hit ? hit.key : null;
}
