import { describe, expect, it } from 'vitest';
import {
  acceptance,
  acceptanceBy,
  isAccepted,
  paginate,
  parseVersionLabel,
  sortReviewItems,
  toReviewItem,
  versionLabel,
  type SentDraft,
} from '@/lib/domain/draft-review';

const DRAFT =
  'Hi Jane, your order #1002 shipped with UPS on Monday and should arrive by Friday. Your parcel left our warehouse in Portland and is now travelling with the carrier. You can follow it with tracking number 1ZHEALTHY02. Thanks for your patience, the Northbound team.';
let nextId = 1;
const sent = (d: Partial<SentDraft> & { sentText: string }): SentDraft => ({
  id: nextId++,
  shopId: 'acme.myshopify.com',
  ticketId: '1',
  intent: 'wismo',
  source: 'template',
  promptVersion: null,
  templateId: 'wismo.in_transit',
  sentBy: 'sam@acme.test',
  output: DRAFT,
  sentAt: new Date('2026-11-24T10:00:00Z'),
  createdAt: new Date('2026-11-24T09:00:00Z'),
  teach: false,
  ...d,
});

describe('acceptance', () => {
  it('accepts a draft sent as is or with a word of difference, not a rewrite', () => {
    expect(isAccepted(DRAFT, DRAFT)).toBe(true);
    expect(isAccepted(DRAFT, `${DRAFT} Best!`)).toBe(true); // 2 edits in 51 words: 96% similar
    expect(
      isAccepted(
        DRAFT,
        DRAFT.replace(
          'Thanks for your patience, the Northbound team.',
          'Sorry for the wait! If it has not arrived by Friday, reply and we will send a replacement.',
        ),
      ),
    ).toBe(false);
    expect(isAccepted('Short reply here.', 'Short answer here.')).toBe(false); // 1 of 4 words is 25%
  });

  it('measures every item from its texts, the same way for all', () => {
    const item = toReviewItem(sent({ sentText: `${DRAFT} Best!`, output: DRAFT }));
    expect(item).toMatchObject({ editDistance: 2, keptRatio: 1, accepted: true, version: 'template:wismo.in_transit' });
  });

  it('computes rates per group, largest groups first', () => {
    const items = [
      sent({ sentText: DRAFT }),
      sent({ sentText: DRAFT }),
      sent({ sentText: 'Totally different answer.' }),
      sent({ sentText: DRAFT, intent: 'cancel' }),
      sent({ sentText: 'No.', intent: null }),
    ].map(toReviewItem);
    expect(acceptance(items)).toMatchObject({ total: 5, accepted: 3, rate: 0.6 });
    const byIntent = acceptanceBy(items, (i) => i.intent ?? 'unclassified');
    expect(byIntent.map((r) => [r.key, r.total, r.accepted])).toEqual([
      ['wismo', 3, 2],
      ['cancel', 1, 1],
      ['unclassified', 1, 0],
    ]);
    expect(byIntent[0].rate).toBeCloseTo(2 / 3);
    expect(acceptance([])).toMatchObject({ total: 0, rate: null, medianKept: null });
  });
});

describe('versions', () => {
  it('labels templates by id and model drafts by prompt version, and parses the label back', () => {
    expect(versionLabel({ source: 'template', templateId: 'wismo.delayed', promptVersion: 'draft-reply@3' })).toBe(
      'template:wismo.delayed',
    );
    expect(versionLabel({ source: 'model', templateId: null, promptVersion: 'draft-reply@3' })).toBe('draft-reply@3');
    expect(versionLabel({ source: 'model', templateId: null, promptVersion: null })).toBe('unversioned');
    expect(parseVersionLabel('template:wismo.delayed')).toEqual({ templateId: 'wismo.delayed' });
    expect(parseVersionLabel('draft-reply@3')).toEqual({ promptVersion: 'draft-reply@3' });
  });
});

describe('sorting and paging', () => {
  const items = [
    sent({ sentText: DRAFT, sentAt: new Date('2026-11-20T00:00:00Z') }),
    sent({ sentText: 'Something else entirely, sorry.', sentAt: new Date('2026-11-21T00:00:00Z') }),
    sent({ sentText: `${DRAFT} Cheers.`, sentAt: new Date('2026-11-22T00:00:00Z') }),
  ].map(toReviewItem);

  it('sorts by edits, share kept and time', () => {
    expect(sortReviewItems(items, 'most_edited').map((i) => i.id)).toEqual([items[1].id, items[2].id, items[0].id]);
    expect(sortReviewItems(items, 'least_edited').map((i) => i.id)).toEqual([items[0].id, items[2].id, items[1].id]);
    expect(sortReviewItems(items, 'least_kept')[0].id).toBe(items[1].id);
    expect(sortReviewItems(items, 'newest').map((i) => i.id)).toEqual([items[2].id, items[1].id, items[0].id]);
    expect(sortReviewItems(items, 'oldest')[0].id).toBe(items[0].id);
  });

  it('pages and clamps the page number', () => {
    const xs = Array.from({ length: 55 }, (_, i) => i);
    expect(paginate(xs, 1, 25)).toMatchObject({ page: 1, pages: 3, total: 55 });
    expect(paginate(xs, 3, 25).rows).toEqual([50, 51, 52, 53, 54]);
    expect(paginate(xs, 99, 25).page).toBe(3);
    expect(paginate(xs, Number.NaN, 25).page).toBe(1);
    expect(paginate([], 1, 25)).toMatchObject({ rows: [], page: 1, pages: 1 });
  });
});
