import { normalizeForMatching } from './intent/normalize';

// Which language a customer wrote in, among the ones Concord has approved templates for. Small
// function words decide (every language uses them in every message); topic words would mislead,
// since "pedido" and "order" sit in the same sentence of a bilingual customer. Ties and very short
// messages are "unknown", which never auto-sends anything.

const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

const WORDS: Record<Language, string[]> = {
  en: [
    'the',
    'my',
    'is',
    'and',
    'to',
    'it',
    'please',
    'i',
    'you',
    'of',
    'for',
    'was',
    'have',
    'not',
    'can',
    'with',
    'this',
    'order',
    'hi',
    'thanks',
    'would',
    'want',
    'like',
  ],
  es: [
    'el',
    'la',
    'mi',
    'es',
    'y',
    'que',
    'por',
    'favor',
    'no',
    'de',
    'para',
    'con',
    'quiero',
    'pedido',
    'hola',
    'gracias',
    'los',
    'una',
    'un',
    'lo',
    'esta',
    'puedo',
    'quisiera',
    'cancelar',
    'devolver',
  ],
  fr: [
    'le',
    'la',
    'mon',
    'ma',
    'est',
    'et',
    'je',
    'vous',
    'pas',
    'de',
    'pour',
    'avec',
    'commande',
    'bonjour',
    'merci',
    'les',
    'une',
    'un',
    'ce',
    'veux',
    'voudrais',
    'svp',
    'annuler',
    'retourner',
    'mes',
  ],
  de: [
    'der',
    'die',
    'das',
    'mein',
    'meine',
    'ist',
    'und',
    'ich',
    'sie',
    'nicht',
    'zu',
    'fur',
    'mit',
    'bestellung',
    'hallo',
    'danke',
    'bitte',
    'ein',
    'eine',
    'mochte',
    'stornieren',
    'zuruckgeben',
    'moechte',
    'mir',
  ],
  it: [
    'il',
    'la',
    'mio',
    'mia',
    'e',
    'che',
    'non',
    'di',
    'per',
    'con',
    'ordine',
    'ciao',
    'grazie',
    'vorrei',
    'un',
    'una',
    'sono',
    'ho',
    'annullare',
    'restituire',
    'salve',
    'buongiorno',
  ],
  pt: [
    'o',
    'a',
    'meu',
    'minha',
    'e',
    'que',
    'nao',
    'de',
    'para',
    'com',
    'pedido',
    'ola',
    'obrigado',
    'obrigada',
    'um',
    'uma',
    'quero',
    'gostaria',
    'cancelar',
    'devolver',
    'encomenda',
    'voces',
    'por',
  ],
};

// Letters no other listed language uses tip the balance (checked on the raw text, before folding).
const MARKS: Partial<Record<Language, RegExp>> = {
  es: /[ñ¿¡]/,
  de: /[äöüß]/i,
  pt: /[ãõ]|ção|ções/i,
  fr: /[èêëçœ]|\bl'|\bd'|\bj'|\bqu'/i,
  it: /\b(è|perché|più|città)\b/i,
};

export interface LanguageGuess {
  language: Language | 'unknown';
  scores: Record<Language, number>;
}

export function detectLanguage(text: string): LanguageGuess {
  const tokens = normalizeForMatching(text)
    .split(/[^a-z]+/)
    .filter(Boolean);
  const scores = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  for (const l of LANGUAGES) {
    const set = new Set(WORDS[l]);
    for (const t of tokens) if (set.has(t)) scores[l] += 1;
    if (MARKS[l]?.test(text)) scores[l] += 2;
  }
  const ranked = [...LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const [best, second] = ranked;
  if (scores[best] < 2 || scores[best] === scores[second]) return { language: 'unknown', scores };
  return { language: best, scores };
}
