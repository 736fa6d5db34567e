import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { sessionCookie } from '@/lib/auth/session';
import { clientAddress, isSameOriginPost, signIn } from '@/lib/auth/sign-in';
import { handle, HttpError } from '@/lib/http/responses';
import { readJsonBody } from '@/lib/http/read-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// NUL can't be stored or compared by Postgres: refuse it here instead of failing deeper.
const noNul = (s: string) => !s.includes('\u0000');
const body = z.object({ email: z.string().trim().max(320).refine(noNul, 'must not contain NUL characters'), password: z.string().max(200).refine(noNul, 'must not contain NUL characters') });

// POST /api/auth/login – sign a lead or admin in (sets the session cookie).
export const POST = handle(async (req: Request) => {
  const config = getConfig();
  if (!isSameOriginPost(req.headers, req.url, config.appUrl)) throw new HttpError(403, 'cross_site', 'Sign in from Concord’s own login page.');
  const input = body.parse(await readJsonBody(req, 4 * 1024));
  const { token, session } = await signIn(await getDb(), config, { ...input, ip: clientAddress(req.headers) }, new Date());
  const res = NextResponse.json({ ok: true, role: session.role });
  res.headers.append('set-cookie', sessionCookie(token, config.appUrl.startsWith('https://')));
  return res;
});
