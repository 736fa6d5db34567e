// A text scanned by several fact extractors in turn. Each extractor claims the characters it
// matched, so later extractors can't read the same characters again: a tracking number inside a
// tracking link is judged as part of the link, the digits of "2026-11-26" are not also an amount.

const CLAIMED = '\u0000';

export class Scanner {
  private masked: string;

  constructor(readonly text: string) {
    this.masked = text;
  }

  /** The text with every claimed range replaced by NUL, which regexes treat as a non-word character. */
  get view(): string {
    return this.masked;
  }

  claim(start: number, end: number): void {
    this.masked = this.masked.slice(0, start) + CLAIMED.repeat(end - start) + this.masked.slice(end);
  }

  /** Runs a global regex over the unclaimed text; each match `accept`s is claimed. */
  each(re: RegExp, accept: (m: RegExpExecArray) => { start: number; end: number } | null): void {
    const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
    const global = new RegExp(re.source, flags);
    const found: { start: number; end: number }[] = [];
    for (const m of this.masked.matchAll(global)) {
      const range = accept(m as RegExpExecArray);
      if (range) found.push(range);
    }
    for (const r of found) this.claim(r.start, r.end);
  }
}
