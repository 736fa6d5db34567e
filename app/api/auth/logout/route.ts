import { NextResponse } from 'next/server';
import { withRoute } from '@/lib/http/with-route';
import { clearSessionCookie, readCookie, readSessionToken, SESSION_COOKIE } from '@/lib/auth/session';
import { signOut } from '@/lib/auth/sign-in';

export const runtime = 'nodejs';

// POST /api/auth/logout – end the session everywhere (the user's session version moves on) and clear the cookie.
export const POST = withRoute({ auth: 'public' }, async ({ req, db, config, now }) => {
  await signOut(db, readSessionToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE), config.secrets.session, now));
  const res = NextResponse.json({ ok: true });
  res.headers.append('set-cookie', clearSessionCookie());
  return res;
});
