import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { QA_KINDS, QA_VERDICTS } from '@/lib/domain/qa-results';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { recordQaReview } from '@/lib/review/record-qa-review';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const noNul = (s: string) => !s.includes('\u0000');
const bodySchema = z.object({
  shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be a myshopify domain'),
  week: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W48'),
  kind: z.enum(QA_KINDS),
  item: z.string().trim().min(1).max(400).refine(noNul, 'must not contain NUL characters'),
  verdict: z.enum(QA_VERDICTS),
  note: z.string().max(2_000).refine(noNul, 'must not contain NUL characters').nullish(),
});

// PUT /api/admin/qa/reviews – mark one sampled QA item correct or wrong, with a note (lead+; one row per item per week).
export const PUT = handle(async (req: Request) => {
  const session = await requireRole(req, 'lead');
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 16 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = bodySchema.parse(json);
  const result = await recordQaReview(
    await getDb(),
    { shopId: body.shop, week: body.week, kind: body.kind, itemKey: body.item, verdict: body.verdict, note: body.note ?? null },
    { type: session.role, id: session.email },
    new Date(),
  );
  return NextResponse.json({ ok: true, ...result });
});
