import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { createSessionToken, sessionCookie } from '@/lib/auth/session';
import { handle, HttpError } from '@/lib/http/responses';
import { authenticate } from '@/lib/users';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// NUL can't be stored or compared by Postgres: refuse it here instead of failing deeper.
const noNul = (s: string) => !s.includes('\u0000');
const body = z.object({ email: z.string().trim().max(320).refine(noNul, 'must not contain NUL characters'), password: z.string().max(200).refine(noNul, 'must not contain NUL characters') });

// POST /api/auth/login – sign a lead or admin in (sets the session cookie).
export const POST = handle(async (req: Request) => {
  const origin = req.headers.get('origin');
  const config = getConfig();
  // Login CSRF: only accept sign-ins posted from this app's own pages.
  if (origin && new URL(origin).host !== new URL(req.url).host && origin !== config.appUrl) {
    throw new HttpError(403, 'cross_site', 'Sign in from Concord’s own login page.');
  }
  const input = body.parse(await req.json().catch(() => ({})));
  const user = await authenticate(await getDb(), input.email, input.password);
  if (!user) throw new HttpError(401, 'bad_credentials', 'Wrong email or password.');
  const { token, session } = createSessionToken(user, config.secrets.session, new Date());
  const res = NextResponse.json({ ok: true, role: session.role });
  res.headers.append('set-cookie', sessionCookie(token, config.appUrl.startsWith('https://')));
  return res;
});
