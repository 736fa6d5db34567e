import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { sessionCookie } from '@/lib/auth/session';
import { clientAddress, signIn } from '@/lib/auth/sign-in';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// NUL can't be stored or compared by Postgres: refuse it here instead of failing deeper.
const noNul = (s: string) => !s.includes('\u0000');
const body = z.object({
  email: z.string().trim().max(320).refine(noNul, 'must not contain NUL characters'),
  password: z.string().max(200).refine(noNul, 'must not contain NUL characters'),
});

// POST /api/auth/login – sign a lead or admin in (sets the session cookie); only from a page of this app.
export const POST = withRoute(
  { auth: 'public', csrf: 'same-origin', body, maxBodyBytes: 4 * 1024 },
  async ({ req, body: input, db, config, now }) => {
    const { token, session } = await signIn(db, config, { ...input, ip: clientAddress(req.headers) }, now);
    const res = NextResponse.json({ ok: true, role: session.role });
    res.headers.append('set-cookie', sessionCookie(token, config.appUrl.startsWith('https://')));
    return res;
  },
);
