import { LoginForm } from '@/components/login-form';
import { getConfig } from '@/lib/runtime/config';
import { safeNextPath } from '@/lib/auth/sign-in';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/auth/users';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; forbidden?: string }> }) {
  const { next, forbidden } = await searchParams;
  const demo = getConfig().demoMode;
  const safeNext = safeNextPath(next);
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Sign in to Concord</h1>
      <p className="mb-4 text-sm text-slate-500">For leads and admins. Agents open tickets from the Gorgias sidebar.</p>
      {forbidden && (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          Your role can’t open that page. Sign in with an account that can.
        </p>
      )}
      <LoginForm next={safeNext} />
      {demo && (
        <p className="mt-4 rounded-md bg-sky-50 p-2 text-xs text-sky-900">
          Demo accounts: {DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')} — password <code>{DEMO_PASSWORD}</code>
        </p>
      )}
    </main>
  );
}
