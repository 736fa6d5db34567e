import type { PromiseKind } from '../types';

// Finds commitments in a reply: "I've refunded", "we will send a replacement", "you'll receive a
// full refund", "here's a 10% discount", "would you like an exchange?". Mentions that commit to
// nothing are left alone: negations ("we can't refund"), hedges and escalations ("a teammate will
// review whether a refund is possible"), the customer's own request ("I understand you'd like a
// refund"), questions ("has the refund arrived?") and conditions on approval ("if approved, ...").
// A condition on the customer ("once the parcel is back, we'll refund you") is still a promise.
//
// This is a heuristic over English clauses, tuned to fail towards flagging: a false flag costs an
// agent a glance, a missed promise can go out to a customer.

export interface PromiseMention {
  start: number;
  end: number;
  text: string;
  kind: PromiseKind;
  past: boolean; // "has been refunded": a statement about something done, which facts may back
}

const TRIGGERS: { kind: PromiseKind; re: RegExp }[] = [
  {
    kind: 'refund',
    re: /\brefund(?:s|ed|ing)?\b|\bmoney back\b|\breimburs\w*|\b(?:go|goes|going|be sent|be returned|be credited) back to your (?:original )?(?:payment|card|account)\b/gi,
  },
  {
    kind: 'return_label',
    re: /\b(?:return|prepaid(?: return| shipping)?) labels?\b|\bsend (?:it|them|the \w+|your \w+) back\b|\breturn (?:it|them|the (?:item|items|product|products|order|parcel|package)|your (?:item|items|order|purchase|product|products))\b|\b(?:accept|approv|process|start|open|set(?:ting)? up|creat|initiat|authori[sz])\w* (?:a |your |the )?return\b|\breturn (?:request |authori[sz]ation )?(?:is|has been|was) (?:approved|accepted|opened|created|authori[sz]ed)\b|\bRMA\b/gi,
  },
  {
    kind: 'credit',
    re: /\bstore credit\b|\baccount credit\b|\bgift (?:card|voucher|certificate)s?\b|\bcredit(?:ed)? (?:to )?your (?:store )?account\b|\b(?:a|some) credit (?:of|for|on|to)\b|\bcredit(?:ed)? you\b/gi,
  },
  {
    kind: 'discount',
    re: /\bdiscount(?:s|ed)?\b|\bcoupons?\b|\bpromo(?:tional)? codes?\b|\bvouchers?\b|\b\d{1,3}\s?(?:%|percent) off\b|\boff your next (?:order|purchase)\b/gi,
  },
  { kind: 'discount', re: /\b[Cc]ode:?\s+[A-Z][A-Z0-9]{3,}\b/g },
  { kind: 'cancellation', re: /\bcancel(?:l?ed|l?ing|lations?|s)?\b/gi },
  {
    kind: 'address_change',
    re: /\b(?:updat|chang|correct|edit|amend|fix|switch)\w* (?:the |your )?(?:shipping |delivery )?address(?:es)?\b|\baddress (?:has been |was |is |will be )?(?:updated|changed|corrected|amended)\b|\bredirect(?:ed|ing)?\b|\b(?:ship|send|deliver) (?:it |them |your order |the order )?to (?:the|your) new address\b/gi,
  },
  {
    kind: 'exchange',
    re: /\bexchang(?:e|es|ed|ing)\b(?! rate)|\bswap(?:ped|ping|s)?\b|\b(?:different|another|larger|smaller|bigger) size\b/gi,
  },
  {
    kind: 'replacement',
    re: /\breplac(?:e|es|ed|ing|ement|ements)\b|\bre-?ship(?:s|ped|ping|ment)?\b|\bre-?send(?:s|ing)?\b|\bsend (?:you )?(?:a |another |a new |a fresh )(?:one|item|pair|unit|parcel|package)\b/gi,
  },
];

// Clause boundaries: sentence ends, line breaks, semicolons, dashes, and the conjunctions that
// turn a sentence around ("we can't refund, but we'll send a replacement").
const CLAUSE_BREAK =
  /(?<=[.!?])\s+|\n+|;\s*|\s+[—–-]\s+|,?\s+(?:but|however|although|though|whereas)\b,?\s*|,\s*so\s+|,\s*and\s+(?=(?:i|we|you)\b)/gi;

const LEADING_CONDITION = /^\s*(?:if|once|when|whenever|as soon as|after|unless|provided(?: that)?|assuming|should|in case)\b[^,]*,/;
const TRAILING_CONDITION = /\s(?:if|once|when|as soon as|after|unless|provided(?: that)?|as long as|in case)\s/;
// A condition on someone's approval or on eligibility leaves the outcome open.
const APPROVAL_CONDITION =
  /\b(?:approv\w*|eligib\w*|possibl\w*|qualif\w*|allow\w*|review\w*|check\w*|confirm\w*|verif\w*|polic\w*|able|decid\w*|agree\w*)\b/;

const IDIOMS =
  /\b(?:no (?:problem|worries|cost|charge|extra|additional|need|hassle|later than)|(?:don't|do not) (?:worry|hesitate)|not to worry|free of charge|at no)\b/g;
const NEGATION = /\bnot\b|\bno\b|\bnever\b|\bcannot\b|\bunable\b|n't\b|\bnor\b|\bneither\b|\bwithout\b/;
const NEGATION_AFTER =
  /^[^,.;]{0,25}?(?:\b(?:isn't|aren't|wasn't|weren't|won't|can't|cannot|couldn't|wouldn't|hasn't|haven't|didn't|doesn't|don't)\b|\b(?:is|are|was|were|will|would|can|could|has|have)\s+(?:not|never)\b)/;
const HEDGE =
  /\b(?:whether|might|could|possibl[ey]|perhaps|potential(?:ly)?|look(?:ing)? into|review(?:ing|ed|s)?|check(?:ing)? (?:if|whether|on|with|for|what)|see (?:if|whether|what|how)|explor\w*|consider\w*|decid\w*|determin\w*|assess\w*|evaluat\w*|options?|(?:can|to|for|could|may) approve|approval|escalat\w*|pass(?:ed|ing)? (?:this|it|your \w+(?: \w+)?|the \w+(?: \w+)?) (?:on|to|along)|(?:teammate|colleague|someone|specialist|manager|supervisor) who can)\b/;
const DESCRIBED_BEFORE =
  /\b(?:you(?:'d| would)? (?:like|want|prefer)|you(?:'ve| have)? (?:asked|requested|mentioned)|you (?:are|were) asking|you wanted|ask(?:ing|ed)? (?:for|about)|request(?:ing|ed)?(?: for)?|about|regarding|re:|sorry (?:about|for))\s+(?:[\w']+\s+){0,3}$/;
const DESCRIBED_AFTER = /^\s*(?:request|question|enquiry|inquiry|policy|policies|window|status)\b/;
const OFFER =
  /\b(?:would you (?:like|prefer)|do you want|if you(?:'d| would)? (?:like|prefer|want)|(?:happy|glad|pleased) to (?:offer|send|issue|refund|replace|exchange|provide|arrange|give|cancel|update|change)|(?:we|i) can offer|(?:we|i)(?:'d| would) like to offer)\b/;
const MARKERS: RegExp[] = [
  /\b(?:i|we)\s*(?:'ve|'ll|'m|'re|'d|\s(?:have|has|will|shall|am|are|can|would|had))\b/,
  /\b(?:i|we)\s+(?:just\s+|already\s+)?(?:issued|processed|refunded|sent|cancell?ed|updated|changed|created|arranged|applied|added|credited|attached|approved|initiated|started|shipped|replaced|exchanged|booked|generated|emailed|went ahead|set up|reshipped|put through|gave)\b/,
  /\byou\s*(?:'ll|'re going to|'re getting|'re receiving|'re eligible|\s(?:will|are going to|should|can|are getting|are receiving|get|receive|are eligible|qualify))\b/,
  /\b(?:has|have|is|are|was|were|'s|'re|will be|'ll be)\s+(?:now\s+|already\s+|just\s+)?(?:been\s+)?(?:being\s+)?(?:issued|processed|refunded|sent|cancell?ed|updated|changed|approved|created|applied|credited|arranged|initiated|shipped|reshipped|replaced|exchanged|confirmed|generated|booked|on (?:its|their|the) way)\b/,
  /\b(?:here's|here is|here are|attached|please find|enclosed|on (?:its|their|the) way)\b/,
  /\b(?:use|enjoy|redeem|apply|take)\b/,
  /\b(?:let's|let me|allow me to)\b/,
  // Third-person future: "your refund will arrive", "the payment will go back".
  /\b(?:it|this|that|they|the \w+|your \w+)\s*(?:'ll|\swill|\sis going to|\sare going to)\b/,
];
const PARTICIPLE_AFTER =
  /^\s*(?:has been |have been |was |is |now )?(?:issued|processed|approved|sent|confirmed|arranged|applied|credited|done|complete|completed|initiated|on (?:its|the) way)\b/;
const PAST =
  /\b(?:'ve|have|has|had|was|were|already)\b|\b(?:i|we)\s+(?:just\s+)?(?:issued|processed|refunded|sent|cancell?ed|updated|changed|created|shipped|replaced|exchanged|credited)\b/;
const FUTURE = /\b(?:will|'ll|going to|shall|would|can)\b/;

interface Clause {
  start: number;
  text: string;
}

function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let at = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (m.index > at) out.push({ start: at, text: text.slice(at, m.index) });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ start: at, text: text.slice(at) });
  return out;
}

/** Lower case and straight apostrophes, same length as the input so offsets still line up. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'");
}

/** Splits a clause into its condition ("if approved,", "... once it's back") and the rest. */
function splitCondition(lower: string): { cond: [number, number] | null } {
  const lead = LEADING_CONDITION.exec(lower);
  if (lead) return { cond: [0, lead[0].length] };
  const trail = TRAILING_CONDITION.exec(lower);
  if (trail) return { cond: [trail.index, lower.length] };
  return { cond: null };
}

function firstMarker(main: string, kind: PromiseKind): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const [i, re] of MARKERS.entries()) {
    // "use", "enjoy", "take" commit to something only for a code or a credit.
    if (i === 5 && kind !== 'discount' && kind !== 'credit') continue;
    const m = re.exec(main);
    if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length };
  }
  return best;
}

export function findPromises(text: string): PromiseMention[] {
  const out: PromiseMention[] = [];
  for (const clause of clauses(text)) {
    const lower = normalise(clause.text);
    const { cond } = splitCondition(lower);
    const condition = cond ? lower.slice(cond[0], cond[1]) : '';
    // The main clause with the condition blanked out, so offsets stay those of the clause.
    const main = cond ? lower.slice(0, cond[0]) + ' '.repeat(cond[1] - cond[0]) + lower.slice(cond[1]) : lower;
    const mainNoIdioms = main.replace(IDIOMS, (s) => ' '.repeat(s.length));
    const isQuestion = /\?\s*$/.test(clause.text);
    // Lower-case "may" is the hedge; "May 5" is a date.
    const mayHedge = /\bmay\b(?!\s+\d)/.test(clause.text.replace(/\bMay\b/g, 'M_y'));

    for (const { kind, re } of TRIGGERS) {
      for (const m of clause.text.matchAll(new RegExp(re.source, re.flags))) {
        const tStart = m.index;
        const tEnd = m.index + m[0].length;
        const inCondition = cond !== null && tStart >= cond[0] && tStart < cond[1];
        if (cond && APPROVAL_CONDITION.test(condition)) continue;
        const offer = OFFER.test(lower);
        if (inCondition) {
          if (NEGATION.test(mainNoIdioms)) continue;
        } else {
          // "would you like a refund" offers one; "you'd like a refund" only repeats the request.
          if (!offer && DESCRIBED_BEFORE.test(lower.slice(Math.max(0, tStart - 60), tStart))) continue;
          if (DESCRIBED_AFTER.test(lower.slice(tEnd))) continue;
          if (NEGATION.test(mainNoIdioms.slice(0, tStart)) || NEGATION_AFTER.test(lower.slice(tEnd))) continue;
        }
        if (HEDGE.test(main) || mayHedge) continue;
        if (isQuestion && !offer) continue;
        const marker = firstMarker(main, kind);
        const participle = PARTICIPLE_AFTER.exec(lower.slice(tEnd));
        if (!marker && !offer && !participle) continue;

        let start = tStart;
        let end = tEnd;
        if (marker && !inCondition) {
          start = Math.min(start, marker.index);
          end = Math.max(end, marker.index + marker.length);
        }
        if (participle) end = Math.max(end, tEnd + participle[0].length);
        const past = (PAST.test(main) || participle !== null) && !FUTURE.test(main);
        out.push({
          start: clause.start + start,
          end: clause.start + end,
          text: text.slice(clause.start + start, clause.start + end),
          kind,
          past,
        });
      }
    }
  }
  return dedupe(out).map((p) => ({ ...p, text: text.slice(p.start, p.end) }));
}

// Two triggers of one kind in one clause ("refund ... refunded") make one flag, not two.
function dedupe(found: PromiseMention[]): PromiseMention[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PromiseMention[] = [];
  for (const p of sorted) {
    const overlap = out.find((o) => o.kind === p.kind && p.start < o.end && o.start < p.end);
    if (overlap) {
      overlap.end = Math.max(overlap.end, p.end);
      continue;
    }
    out.push({ ...p });
  }
  return out;
}
