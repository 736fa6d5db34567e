// Running ~95 cue regexes on every message is most of the classifier's time, and a typical message can
// match only a handful of them. This decides, in one pass over the text, which cues may match at all.
//
// For each cue the regex source is parsed into the literals one of which any match must contain
// ("cancel", "cancle", "annul"…: the approach of RE2's and Hyperscan's prefilters). All cues' literals
// go into one Aho-Corasick automaton; a message is scanned once and only the cues whose literals occur
// are run. The filter is conservative: a regex it cannot read (or a cue with no required literal) is
// always run, so the answers are exactly those of running every regex
// (tests/domain/intent-prefilter.test.ts checks that on every labelled message and on random ones).

/** What a regex node says about its matches: every string it can match (small sets only), and literals one of which every match contains. */
interface Info {
  exact: string[] | null;
  req: string[] | null; // null: no constraint
}

const MAX_EXACT = 48;

class Unreadable extends Error {}

const NONE: Info = { exact: null, req: null };
const EMPTY: Info = { exact: [''], req: null };

const uniq = (xs: string[]) => [...new Set(xs)];

/** The more selective of two literal sets: the longer shortest literal, then fewer literals. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  const ok = (x: string[] | null) => x !== null && x.length > 0 && !x.includes('');
  if (!ok(a)) return ok(b) ? b : null;
  if (!ok(b)) return a;
  const ma = Math.min(...a!.map((s) => s.length));
  const mb = Math.min(...b!.map((s) => s.length));
  if (ma !== mb) return ma > mb ? a : b;
  return a!.length <= b!.length ? a : b;
}

const asReq = (i: Info) => better(i.req, i.exact);

function concat(parts: Info[]): Info {
  // `run` is every string a run of consecutive exactly-known parts can match: one of them stands,
  // contiguous, in any match. `whole` while the run covers every part so far.
  let run: string[] | null = [''];
  let whole = true;
  let req: string[] | null = null;
  for (const p of parts) {
    req = better(req, p.req);
    if (p.exact && run && run.length * p.exact.length <= MAX_EXACT) {
      const product: string[] = [];
      for (const a of run) for (const b of p.exact) product.push(a + b);
      run = uniq(product);
    } else {
      whole = false;
      if (run) req = better(req, run);
      run = p.exact ? [...p.exact] : null;
    }
  }
  if (run) req = better(req, run);
  return { exact: whole ? run : null, req };
}

function alternate(alts: Info[]): Info {
  let exact: string[] | null = [];
  let req: string[] | null = [];
  for (const a of alts) {
    if (exact && a.exact && exact.length + a.exact.length <= 4 * MAX_EXACT) for (const x of a.exact) exact.push(x);
    else exact = null;
    const r = asReq(a);
    if (req && r) for (const x of r) req.push(x);
    else req = null;
  }
  exact = exact ? uniq(exact) : null;
  if (exact && exact.length > MAX_EXACT) exact = null;
  return { exact, req: req ? uniq(req) : null };
}

const SPECIAL = new Set(['\\', '(', ')', '[', ']', '{', '}', '|', '.', '^', '$', '*', '+', '?']);
const QUANTIFIER = new Set(['*', '+', '?', '{']);

/** Parses the subset of JavaScript regex syntax the cues use; anything else throws Unreadable. */
function parse(src: string): Info {
  let i = 0;
  const peek = () => src[i];

  function alternation(): Info {
    const alts = [sequence()];
    while (peek() === '|') {
      i++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0] : alternate(alts);
  }

  function sequence(): Info {
    const parts: Info[] = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') parts.push(quantified(atom()));
    return parts.length === 1 ? parts[0] : concat(parts);
  }

  function quantified(a: Info): Info {
    let min = 1;
    let max = 1;
    const c = peek();
    if (c === '?' || c === '*' || c === '+') {
      i++;
      [min, max] = c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) throw new Unreadable(`brace at ${i}`);
      i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return a;
    if (peek() === '?') i++; // lazy: the same strings
    if (min === 1 && max === 1) return a;
    if (min === 0 && max === 1) return { exact: a.exact ? uniq(['', ...a.exact]) : null, req: null };
    if (min === 0) return NONE;
    // min ≥ 1: one copy at least, so the atom's literals are needed
    return { exact: null, req: asReq(a) };
  }

  function atom(): Info {
    const c = src[i++];
    if (c === '(') {
      let look = false;
      if (src.startsWith('?:', i)) i += 2;
      else if (src.startsWith('?=', i) || src.startsWith('?!', i)) {
        i += 2;
        look = true;
      } else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) {
        i += 3;
        look = true;
      } else if (peek() === '?') throw new Unreadable(`group kind at ${i}`);
      const inner = alternation();
      if (src[i++] !== ')') throw new Unreadable(`unclosed group at ${i}`);
      return look ? EMPTY : inner; // a lookaround consumes nothing
    }
    if (c === '[') return charClass();
    if (c === '.') return NONE;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '\\') {
      const e = src[i++];
      if (e === 'b' || e === 'B') return EMPTY;
      if ('dDwWsS'.includes(e)) return NONE;
      if (/[1-9kpPuxcntrfv0]/.test(e)) throw new Unreadable(`escape \\${e}`);
      return { exact: [e], req: null };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?' || c === '{' || c === undefined) throw new Unreadable(`unexpected ${c} at ${i}`);
    // a run of plain characters is one literal, except a last one that a quantifier applies to
    let end = i;
    while (end < src.length && !SPECIAL.has(src[end])) end++;
    if (end > i && QUANTIFIER.has(src[end])) end--;
    const lit = c + src.slice(i, end);
    i = end;
    return { exact: [lit], req: null };
  }

  function charClass(): Info {
    const negated = peek() === '^';
    if (negated) i++;
    const chars: string[] = [];
    let first = true;
    while (i < src.length && (peek() !== ']' || first)) {
      first = false;
      let c = src[i++];
      if (c === '\\') {
        const e = src[i++];
        if ('dDwWsSbBpPux'.includes(e)) {
          chars.push('\u0000any');
          continue;
        }
        c = e;
      }
      if (peek() === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        let to = src[i++];
        if (to === '\\') to = src[i++];
        for (let k = c.charCodeAt(0); k <= to.charCodeAt(0) && chars.length <= 16; k++) chars.push(String.fromCharCode(k));
        if (to.charCodeAt(0) - c.charCodeAt(0) > 16) chars.push('\u0000any');
        continue;
      }
      chars.push(c);
    }
    if (src[i++] !== ']') throw new Unreadable('unclosed class');
    if (negated || chars.includes('\u0000any') || chars.length > 8 || chars.some((ch) => ch.charCodeAt(0) > 127)) return NONE;
    return { exact: uniq(chars), req: null };
  }

  const info = alternation();
  if (i !== src.length) throw new Unreadable(`stopped at ${i}`);
  return info;
}

/** Literals one of which every match of `re` contains, or null when it must always run. */
export function requiredLiterals(re: RegExp): string[] | null {
  if (re.flags.replace(/[gyd]/g, '') !== '') return null; // i, m, s, u change what the literals mean
  try {
    const r = asReq(parse(re.source));
    if (!r || r.some((s) => s.length === 0)) return null;
    // "cancel" occurs wherever "cancelling" does: keep only literals that hold no other one
    return r.filter((s) => !r.some((t) => t !== s && s.includes(t)));
  } catch (err) {
    if (err instanceof Unreadable) return null;
    throw err;
  }
}

export interface CuePrefilter {
  /** Marks in `hit` (one slot per regex) the regexes that may match `text`; returns `hit`. */
  scan(text: string, hit: Uint8Array): Uint8Array;
  /** Regexes that are always run (no literal found). */
  alwaysRun: number[];
  literals: (string[] | null)[];
}

/** One Aho-Corasick automaton over every regex's required literals (ASCII; other characters reset it). */
export function buildPrefilter(regexes: RegExp[]): CuePrefilter {
  const literals = regexes.map(requiredLiterals);
  const alwaysRun: number[] = [];
  literals.forEach((l, k) => {
    if (!l || l.some((s) => /[^\x00-\x7f]/.test(s))) alwaysRun.push(k);
  });
  const used = literals.filter((l, k): l is string[] => l !== null && !alwaysRun.includes(k));
  // the alphabet: characters that occur in some literal; any other character cannot be inside a match
  const column = new Int32Array(128).fill(-1);
  let A = 0;
  for (const lits of used)
    for (const lit of lits) for (let j = 0; j < lit.length; j++) if (column[lit.charCodeAt(j)] < 0) column[lit.charCodeAt(j)] = A++;
  let capacity = 1;
  for (const lits of used) for (const lit of lits) capacity += lit.length;
  // trie in a transition table (0 = no edge yet; the root is node 0 and no edge leads back to it)
  let delta = new Int32Array(capacity * A);
  const out: number[][] = [[]];
  let nodes = 1;
  literals.forEach((lits, k) => {
    if (!lits || alwaysRun.includes(k)) return;
    for (const lit of lits) {
      let node = 0;
      for (let j = 0; j < lit.length; j++) {
        const at = node * A + column[lit.charCodeAt(j)];
        if (delta[at] === 0) {
          delta[at] = nodes++;
          out.push([]);
        }
        node = delta[at];
      }
      if (!out[node].includes(k)) out[node].push(k);
    }
  });
  delta = delta.slice(0, nodes * A); // most literals share prefixes: keep only the rows used
  // failure links folded into the table, breadth first
  const fail = new Int32Array(nodes);
  const queue: number[] = [];
  for (let c = 0; c < A; c++) if (delta[c] !== 0) queue.push(delta[c]);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    const f = fail[node];
    for (const k of out[f]) if (!out[node].includes(k)) out[node].push(k);
    for (let c = 0; c < A; c++) {
      const to = delta[node * A + c];
      if (to !== 0) {
        fail[to] = delta[f * A + c];
        queue.push(to);
      } else delta[node * A + c] = delta[f * A + c];
    }
  }
  const outputs: (Int32Array | null)[] = out.map((s) => (s.length ? Int32Array.from(s) : null));
  const always = Int32Array.from(alwaysRun);
  return {
    alwaysRun,
    literals,
    scan(text, hit) {
      hit.fill(0);
      for (let q = 0; q < always.length; q++) hit[always[q]] = 1;
      let node = 0;
      for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        const col = c < 128 ? column[c] : -1;
        if (col < 0) {
          node = 0;
          continue;
        }
        node = delta[node * A + col];
        const o = outputs[node];
        if (o !== null) for (let q = 0; q < o.length; q++) hit[o[q]] = 1;
      }
      return hit;
    },
  };
}

/**
 * The same regex with its capturing groups made non-capturing: the cues use only the whole match and
 * its position, and each capture costs the engine work and the match array a slot. Regexes with
 * backreferences are returned unchanged.
 */
export function withoutCaptures(re: RegExp): RegExp {
  const src = re.source;
  if (/\\[1-9]|\\k</.test(src)) return re;
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && src[i + 1] !== '?') out += '(?:';
    else out += c;
  }
  return new RegExp(out, re.flags);
}
