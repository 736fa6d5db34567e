import { NextResponse } from 'next/server';
import { clearSessionCookie } from '@/lib/auth/session';

export const runtime = 'nodejs';

// POST /api/auth/logout – clear the session cookie.
export async function POST() {
  const res = NextResponse.json({ ok: true });
  res.headers.append('set-cookie', clearSessionCookie());
  return res;
}
