import { withRoute } from '@/lib/http/with-route';
import { qaReviewBody } from '@/lib/review/qa-review-body';
import { recordQaReview } from '@/lib/review/record-qa-review';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// PUT /api/admin/qa/reviews – mark one sampled QA item correct or wrong, with a note (lead+; one row per item per week).
export const PUT = withRoute({ auth: 'lead', body: qaReviewBody, maxBodyBytes: 16 * 1024 }, async ({ body, caller, db, now }) => ({
  ok: true,
  ...(await recordQaReview(db, body, { type: caller.role, id: caller.email }, now)),
}));
