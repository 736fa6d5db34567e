import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { exportAuditCsv, parseAuditFilters } from '@/lib/audit/search-audit';
import { handle, HttpError } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/admin/audit.csv?email=&order=&ticket=&actor=&action=&q=&shop=&from=&to= – the filtered audit log as CSV (admin).
export const GET = handle(async (req: Request) => {
  await requireRole(req, 'admin');
  const { filters, errors } = parseAuditFilters(new URL(req.url).searchParams);
  if (errors.length) throw new HttpError(400, 'invalid_filters', `Fix the filters and try again: ${errors.join('; ')}.`);
  const { csv, rows, capped } = await exportAuditCsv(await getDb(), filters);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="concord-audit-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-audit-rows': String(rows),
      ...(capped ? { 'x-audit-truncated': 'true' } : {}),
    },
  });
});
