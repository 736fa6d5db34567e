import { z } from 'zod';
import { QA_KINDS, QA_VERDICTS } from '@/lib/domain/qa-results';
import { shopDomain } from '@/lib/integrations/shopify/shop-domain';
import type { QaReviewInput } from './record-qa-review';

const noNul = (s: string) => !s.includes('\u0000');

/** The body of PUT /api/admin/qa/reviews: one sampled item's verdict and note. */
export const qaReviewBody = z
  .object({
    shop: shopDomain,
    week: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W48'),
    kind: z.enum(QA_KINDS),
    item: z.string().trim().min(1).max(400).refine(noNul, 'must not contain NUL characters'),
    verdict: z.enum(QA_VERDICTS),
    note: z.string().max(2_000).refine(noNul, 'must not contain NUL characters').nullish(),
  })
  .transform((b): QaReviewInput => ({
    shopId: b.shop,
    week: b.week,
    kind: b.kind,
    itemKey: b.item,
    verdict: b.verdict,
    note: b.note ?? null,
  }));
