import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreRules } from '@/lib/domain/intent/classify';
import { buildPrefilter, requiredLiterals, withoutCaptures } from '@/lib/domain/intent/cue-prefilter';
import { CUES } from '@/lib/domain/intent/rules';
import { MULTILINGUAL_CUES } from '@/lib/domain/intent/multilingual';

// The cue prefilter skips a regex only when none of the literals every match must contain is in the
// text. It must never change an answer: the rules with the prefilter equal the rules running every cue.
const FIX = path.join(__dirname, '../fixtures');
const texts = fs
  .readdirSync(FIX)
  .filter((f) => /^intents.*\.jsonl$/.test(f))
  .flatMap((f) =>
    fs
      .readFileSync(path.join(FIX, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );

describe('cue prefilter', () => {
  it('reads the literals a match must contain', () => {
    expect(requiredLiterals(/\b(cancel|cancle)\b/)).toEqual(['cancel', 'cancle']);
    expect(requiredLiterals(/\bwhere( is)? my (order|parcel)/)?.sort()).toEqual([
      'where is my order',
      'where is my parcel',
      'where my order',
      'where my parcel',
    ]);
    expect(requiredLiterals(/(refund|money)s?[^.]{0,9}back/)).toEqual(['refund', 'money']); // the more selective side
    // an optional part, a case-insensitive regex and an unreadable one give no literal: always run
    expect(requiredLiterals(/(cancel)?x*/)).toBeNull();
    expect(requiredLiterals(/cancel/i)).toBeNull();
    expect(requiredLiterals(/(a)\1/)).toBeNull();
  });

  it('lets through every cue that matches, on every labelled message', () => {
    const cues = [...CUES, ...MULTILINGUAL_CUES].map((c) => withoutCaptures(c.re));
    const pf = buildPrefilter(cues);
    const hit = new Uint8Array(cues.length);
    let skipped = 0;
    for (const t of texts) {
      const norm = scoreRules({ text: t }).norm;
      pf.scan(norm, hit);
      cues.forEach((re, k) => {
        if (re.test(norm)) expect(hit[k], `${re.source.slice(0, 60)} on ${norm}`).toBe(1);
        else if (!hit[k]) skipped++;
      });
    }
    // and it does skip most of them (that is the point)
    expect(skipped / (texts.length * cues.length)).toBeGreaterThan(0.8);
  });

  it('gives the same rule scores and reasons as running every cue, with subjects, Gorgias tags and order state', () => {
    const orders = [null, { delivered: true, fulfilled: true, cancelled: false }, { delivered: false, fulfilled: false, cancelled: false }];
    texts.forEach((text, i) => {
      const input = {
        text,
        subject: i % 3 === 0 ? `Re: ${texts[(i * 7) % texts.length].slice(0, 50)}` : null,
        order: orders[i % 3],
        gorgiasIntents: i % 5 === 0 ? ['order/cancel'] : [],
      };
      expect(scoreRules(input)).toEqual(scoreRules(input, true));
    });
  });

  it('gives the same answers on random text built from the cues’ own words', () => {
    const words = [...new Set([...CUES, ...MULTILINGUAL_CUES].flatMap((c) => c.re.source.match(/[a-z']{2,}/g) ?? []))];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 1500; i++) {
      const text = Array.from({ length: 2 + rand(14) }, () => (rand(9) === 0 ? String(1000 + rand(9000)) : words[rand(words.length)])).join(
        rand(4) === 0 ? ', ' : ' ',
      );
      expect(scoreRules({ text }), text).toEqual(scoreRules({ text }, true));
    }
  });
});
