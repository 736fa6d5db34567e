import Link from 'next/link';
import type { Session } from '@/lib/auth/session';
import { LogoutButton } from './logout-button';

const LINKS = [
  { href: '/admin', label: 'Overview', role: 'admin' },
  { href: '/admin/settings', label: 'Settings', role: 'admin' },
  { href: '/admin/connections', label: 'Connections', role: 'admin' },
  { href: '/admin/setup', label: 'Setup', role: 'admin' },
  { href: '/admin/review', label: 'Draft review', role: 'lead' },
  { href: '/admin/qa', label: 'Weekly QA', role: 'lead' },
  { href: '/admin/kpis', label: 'KPIs', role: 'admin' },
  { href: '/admin/automation', label: 'Shadow report', role: 'admin' },
  { href: '/admin/audit', label: 'Audit log', role: 'admin' },
] as const;

export function AdminNav({ session, current }: { session: Session; current: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* Wraps on a phone (375 px) instead of pushing the page sideways. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2">
        <nav className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" aria-label="Admin">
          <Link href="/" className="font-bold text-brand-700">
            Concord
          </Link>
          {LINKS.filter((l) => (l.role === 'admin' ? session.role === 'admin' : true)).map((l) => (
            <Link
              key={l.href}
              href={l.href}
              aria-current={current === l.href ? 'page' : undefined}
              className={current === l.href ? 'font-semibold text-slate-900' : 'text-slate-600 hover:text-slate-900'}
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="flex min-w-0 flex-wrap items-center gap-3 text-xs text-slate-600">
          <span className="break-all">
            {session.email} · {session.role}
          </span>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
