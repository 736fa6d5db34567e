import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { clearSessionCookie, readCookie, readSessionToken, SESSION_COOKIE } from '@/lib/auth/session';
import { signOut } from '@/lib/auth/sign-in';
import { handle } from '@/lib/http/responses';

export const runtime = 'nodejs';

// POST /api/auth/logout – end the session everywhere (the user's session version moves on) and clear the cookie.
export const POST = handle(async (req: Request) => {
  const session = readSessionToken(readCookie(req.headers.get('cookie'), SESSION_COOKIE), getConfig().secrets.session, new Date());
  await signOut(await getDb(), session);
  const res = NextResponse.json({ ok: true });
  res.headers.append('set-cookie', clearSessionCookie());
  return res;
});
