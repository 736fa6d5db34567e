import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { requireRole } from '@/lib/auth/require-role';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/setup/gorgias-test – call our own widget endpoint at APP_URL exactly as Gorgias
// would (same URL, same Bearer secret, read-only GET set-up) and report what happened.
export const POST = handle(async (req: Request) => {
  await requireRole(req, 'admin');
  const config = getConfig();
  const url = `${config.appUrl}/api/gorgias/widget?email=${encodeURIComponent('test-request@concord.invalid')}`;
  const started = Date.now();
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${config.secrets.gorgiasIntegration}` }, signal: AbortSignal.timeout(5_000) });
    const ms = Date.now() - started;
    const json = await res.json().catch(() => null);
    const ok = res.ok && json !== null;
    return NextResponse.json({
      ok,
      status: res.status,
      ms,
      msg: ok
        ? `OK: ${url.split('?')[0]} answered ${res.status} with sidebar JSON in ${ms} ms.`
        : `The endpoint answered ${res.status}${json?.error?.message ? `: ${json.error.message}` : ''}. Check APP_URL and the secret.`,
    });
  } catch (err) {
    return NextResponse.json({ ok: false, status: 0, ms: Date.now() - started, msg: `Could not reach ${config.appUrl}: ${(err as Error).message}. Is APP_URL the address Gorgias can reach?` });
  }
});
