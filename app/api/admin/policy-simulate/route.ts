import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { requireRole } from '@/lib/auth/require-role';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { simulateScenario } from '@/lib/admin/simulate-scenario';
import { getSettings } from '@/lib/settings/settings-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const body = z.object({ shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shop must be a myshopify domain'), scenario: z.unknown() });

// POST /api/admin/policy-simulate – run one scenario with the store's saved settings.
export const POST = handle(async (req: Request) => {
  await requireRole(req, 'admin');
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 256 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const input = body.parse(json);
  const { version: _v, ...settings } = await getSettings(await getDb(), input.shop);
  try {
    return NextResponse.json(simulateScenario(input.scenario, settings));
  } catch (err) {
    if (err instanceof z.ZodError) throw err;
    throw new HttpError(400, 'invalid_scenario', `The scenario can't be simulated: ${(err as Error).message}`);
  }
});
