import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { requireRole } from '@/lib/auth/require-role';
import { handle, HttpError } from '@/lib/http/responses';
import { SYSTEMS, testConnection, type System } from '@/lib/connections/test-connection';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/admin/connections/:system – the settings page's "Test" button.
export const POST = handle(async (req: Request, ctx: { params: Promise<{ system: string }> }) => {
  await requireRole(req, 'admin');
  const { system } = await ctx.params;
  if (!(SYSTEMS as readonly string[]).includes(system)) throw new HttpError(404, 'unknown_system', `Unknown connection "${system}"; use one of ${SYSTEMS.join(', ')}.`);
  return NextResponse.json(await testConnection(getConfig(), system as System));
});
