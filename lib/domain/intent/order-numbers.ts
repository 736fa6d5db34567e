// Order numbers a customer quotes: "#1043", "order 1043", "order no. 1043", "Order number: 1043",
// "pedido 1043". Digits only; phone numbers and amounts don't match (they need the cue).
const ORDER_REF =
  /(?:#\s?|\b(?:order|ordr|oder|pedido|commande|bestellung|bestellnummer)\s*(?:no\.?|nr\.?|num(?:ber)?\.?|number|id|#)?\s*[:#]?\s*)(\d{3,10})\b/gi;

export function extractOrderNumbers(text: string): string[] {
  if (!/\d\d\d/.test(text)) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(ORDER_REF)) out.add(m[1]);
  return [...out];
}
