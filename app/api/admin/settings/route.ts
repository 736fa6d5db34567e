import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { getSettings, saveSettings } from '@/lib/settings/settings-store';
import { settingsProblems } from '@/lib/domain/settings-fields';
import { shops } from '@/lib/db/schema';
import { eq } from 'drizzle-orm';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const shopParam = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shop must be a myshopify domain');

async function knownShop(shopId: string): Promise<void> {
  const [row] = await (await getDb()).select({ id: shops.id }).from(shops).where(eq(shops.id, shopId)).limit(1);
  if (!row) throw new HttpError(404, 'unknown_shop', `No store ${shopId} is connected.`);
}

// GET /api/admin/settings?shop=… – the store's current settings and version.
export const GET = handle(async (req: Request) => {
  await requireRole(req, 'admin');
  const shopId = shopParam.parse(new URL(req.url).searchParams.get('shop') ?? '');
  await knownShop(shopId);
  return NextResponse.json(await getSettings(await getDb(), shopId));
});

const putBody = z.object({ shop: shopParam, settings: z.record(z.string(), z.unknown()) });

// PUT /api/admin/settings – save a new version (validated; the change is audited with before/after).
export const PUT = handle(async (req: Request) => {
  const session = await requireRole(req, 'admin');
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 64 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = putBody.parse(json);
  await knownShop(body.shop);
  // The form's own checks, again on the server: a cleared field is refused, never saved as 0 or "".
  const problems = settingsProblems(body.settings);
  if (problems.length) throw new HttpError(400, 'invalid_settings', `Not saved. ${problems.map((p) => `${p.label}: ${p.message}`).join(' ')}`);
  const saved = await saveSettings(await getDb(), body.shop, body.settings, { type: 'admin', id: session.email });
  return NextResponse.json({ ok: true, msg: `Saved as version ${saved.version}.`, settings: saved });
});
