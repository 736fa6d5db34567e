import { normalizeForMatching } from './intent/normalize';

// The customer's words mapped to a handle in Shopify's return reason library. Shopify deprecated the
// `ReturnReason` enum in 2026-01 for `returnReasonDefinitionId`; the `returnReasonDefinitions` query
// lists the library and handles are the stable, locale-independent key (shopify.dev, Admin GraphQL
// 2026-10, ReturnReasonDefinition.handle: examples given there are "arrived-late", "comfort",
// "too-tight", "color-too-bright", "quality"). The other handles below are unconfirmed guesses at the
// library: the executor looks each up by handle and, if the library has no such handle, falls back
// to "other" with the customer's words as the note, so a wrong guess never blocks a return.

export const FALLBACK_REASON_HANDLE = 'other';

const RULES: { handle: string; re: RegExp }[] = [
  {
    handle: 'too-small',
    re: /\b(too (small|short|tight)|runs small|size up|bigger size|larger size|demasiado pequen|trop petit|zu klein|troppo piccol|muito pequen)/,
  },
  {
    handle: 'too-large',
    re: /\b(too (big|large|long|loose)|runs (big|large)|size down|smaller size|demasiado grande|trop grand|zu gross|troppo grand|muito grande)/,
  },
  {
    handle: 'defective',
    re: /\b(defective|broken?|broke|doesn.?t work|stopped working|faulty|defectuos|defectueu|defekt|kaputt|difettos|defeituos)/,
  },
  { handle: 'damaged', re: /\b(damaged|arrived (broken|cracked|torn)|cracked|dented|danad|endommag|beschadigt|danneggiat|danificad)/ },
  {
    handle: 'wrong-item',
    re: /\b(wrong (item|size|colou?r|product)|not what i ordered|sent me the wrong|equivocad|mauvais article|falsche[nrs]? artikel|articolo sbagliat|produto errad)/,
  },
  {
    handle: 'not-as-described',
    re: /\b(not as (described|pictured|shown)|looks different|different from the (photo|picture)|no es como|pas comme (decrit|sur la photo)|nicht wie beschrieben|non come descritt|nao e como)/,
  },
  {
    handle: 'arrived-late',
    re: /\b(arrived (too )?late|came too late|too late for|llego tarde|arrive trop tard|zu spat|arrivato tardi|chegou atrasad)/,
  },
  {
    handle: 'quality',
    re: /\b(poor quality|bad quality|cheap(ly made)?|quality is|mala calidad|mauvaise qualite|schlechte qualitat|scarsa qualita|ma qualidade)/,
  },
  { handle: 'comfort', re: /\b(uncomfortable|not comfortable|hurts|incomod|inconfortable|unbequem|scomod|desconfortav)/ },
  {
    handle: 'changed-mind',
    re: /\b(changed my mind|don.?t (want|need|like) it|no longer (want|need)|not for me|cambie de opinion|change d.avis|nicht mehr|cambiato idea|mudei de ideia)/,
  },
];

export interface ReturnReasonChoice {
  handle: string;
  /** The customer's own words, trimmed to Shopify's 255-character returnReasonNote limit. */
  note: string;
  matched: boolean;
}

export function returnReasonFromWords(customerWords: string): ReturnReasonChoice {
  const t = normalizeForMatching(customerWords);
  const hit = RULES.find((r) => r.re.test(t));
  const note = customerWords.replace(/\s+/g, ' ').trim().slice(0, 255);
  return hit ? { handle: hit.handle, note, matched: true } : { handle: FALLBACK_REASON_HANDLE, note, matched: false };
}

export interface VariantOption {
  id: string;
  title: string;
  availableForSale: boolean;
  options: { name: string; value: string }[];
}

/**
 * The replacement variant for an exchange: same product, the one option the customer named changed
 * ("size 10.5", "in medium", "the blue one"), every other option kept. Null unless exactly one
 * available variant fits: then a person chooses.
 */
export function pickExchangeVariant(
  message: string,
  current: { name: string; value: string }[],
  variants: VariantOption[],
): VariantOption | null {
  const t = ` ${message.toLowerCase()} `;
  const candidates = variants.filter((v) => {
    if (!v.availableForSale) return false;
    const changed = v.options.filter((o) => current.find((c) => c.name === o.name)?.value !== o.value);
    if (changed.length !== 1) return false;
    const value = changed[0].value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`[^a-z0-9.]${value}[^a-z0-9]`).test(t);
  });
  return candidates.length === 1 ? candidates[0] : null;
}
