import { withRoute } from '@/lib/http/with-route';
import { AppError } from '@/lib/errors/app-error';
import { exportAuditCsv, parseAuditFilters } from '@/lib/audit/search-audit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/admin/audit.csv?email=&order=&ticket=&actor=&action=&q=&shop=&from=&to= – the filtered audit log as CSV (admin).
export const GET = withRoute({ auth: 'admin' }, async ({ query, db, now }) => {
  const { filters, errors } = parseAuditFilters(query);
  if (errors.length) throw new AppError('invalid_filters', `Fix the filters and try again: ${errors.join('; ')}.`);
  const { csv, rows, capped } = await exportAuditCsv(db, filters);
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
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
