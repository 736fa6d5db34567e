// Customer emails carry quoted history and signatures; scoring them would classify the previous
// message (or the footer). Keep only what the customer wrote this time.

const QUOTE_HEADERS = [
  /^\s*on\s.{3,120}\bwrote:\s*$/im, // On Mon, 3 Nov 2026 at 10:00, Support <...> wrote:
  /^\s*-{2,}\s*original message\s*-{2,}/im,
  /^\s*-{2,}\s*forwarded message\s*-{2,}/im,
  /^\s*from:\s.+\n\s*(sent|date):\s/im,
  /^\s*le\s.{3,80}\ba écrit\s?:/im,
  /^\s*am\s.{3,80}\bschrieb\b.*:/im,
  /^\s*el\s.{3,80}\bescribió:/im,
  /^_{10,}\s*$/m,
];

const SIGNATURE_STARTS = [
  /^\s*--\s*$/m,
  /^\s*sent from my (iphone|ipad|android|samsung|galaxy|mobile|phone)/im,
  /^\s*get outlook for/im,
  /^\s*(best|kind|warm)?\s*regards,?\s*$/im,
  /^\s*(thanks|thank you|cheers|best|sincerely|many thanks|thx),?\s*$/im,
  /^\s*(saludos|cordialement|mit freundlichen grüßen|gracias|merci|danke),?\s*$/im,
];

const LINE_BREAK = /[\n\r\u2028\u2029]/;

export function stripQuotedAndSignature(text: string): string {
  // One line (most chat and form messages): a quote header or a signature would start at 0, where
  // neither is cut, so only a quoted line ("> …") goes.
  if (!LINE_BREAK.test(text)) return /^\s*>/.test(text) ? '' : text.trim();
  let body = text.replace(/\r\n?/g, '\n');
  let cut = body.length;
  for (const re of QUOTE_HEADERS) {
    const m = re.exec(body);
    if (m && m.index > 0 && m.index < cut) cut = m.index;
  }
  body = body.slice(0, cut);
  body = body
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join('\n');
  // A signature is only cut when real text stands before it.
  for (const re of SIGNATURE_STARTS) {
    const m = re.exec(body);
    if (m && m.index >= 8) body = body.slice(0, m.index);
  }
  return body.trim();
}

const RUN_TOGETHER = /where|order|ordr|status|tracking|traking/;

export function normalizeForMatching(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (most messages) has no accents to fold: skip the costly Unicode decomposition.
  const folded = /[^\x00-\x5f\x61-\x7f]/.test(lower) // non-ASCII, or a backtick to straighten
    ? lower
        .normalize('NFKD') // fold accents: "dirección" matches "direccion", "zurück" matches "zuruck"
        .replace(/\p{M}/gu, '')
        .replace(/ß/g, 'ss')
        .replace(/[’‘`´]/g, "'")
        .replace(/[“”]/g, '"')
    : lower;
  const spaced = folded.replace(/\s+/g, ' ').trim();
  // Most messages hold none of the run-together words below: skip three more passes.
  if (!RUN_TOGETHER.test(spaced)) return ` ${spaced} `;
  return ` ${spaced
    // run-together words from phones and chat boxes: "orderstatus", "whereismypackage", "trackingnumber"
    .replace(/\bwhere(is|s)?(my|the)?(order|package|pakage|parcel|stuff)/g, 'where is my $3')
    .replace(/\b(order|ordr)(status|number|numbr|no|num|update|id)\b/g, '$1 $2')
    .replace(/\b(status|tracking|traking)(update|number|numbr|info|link|check)\b/g, '$1 $2')} `;
}
