// How much an agent changed a draft before sending it. Word-level Levenshtein keeps it cheap on
// long replies and matches how people edit (they replace words, not letters).

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

export function wordEditDistance(a: string[], b: string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Length of the longest common subsequence of words, for "share of the draft kept". */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return prev[b.length];
}

export interface DraftEdit {
  editDistance: number; // words inserted, deleted or replaced
  keptRatio: number; // share of the draft's words that survive into what was sent, 0..1
  unedited: boolean; // kept ≥ 0.95 and the sent text adds little: counts as accepted as-is
}

export function measureDraftEdit(draft: string, sent: string): DraftEdit {
  const a = tokenize(draft);
  const b = tokenize(sent);
  const editDistance = wordEditDistance(a, b);
  const keptRatio = a.length === 0 ? 0 : lcsLength(a, b) / a.length;
  const similarity = Math.max(a.length, b.length) === 0 ? 1 : 1 - editDistance / Math.max(a.length, b.length);
  return { editDistance, keptRatio: Math.round(keptRatio * 1000) / 1000, unedited: similarity >= 0.95 };
}

export type DiffPart = { op: 'same' | 'added' | 'removed'; text: string };

/** Word diff for the lead's review page (changes highlighted). */
export function diffWords(draft: string, sent: string): DiffPart[] {
  const a = draft.split(/(\s+)/);
  const b = sent.split(/(\s+)/);
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('same', a[i++]);
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < n) push('removed', a[i++]);
  while (j < m) push('added', b[j++]);
  return parts;
}
