'use client';

import { useState } from 'react';
import { formatDateTime } from '@/lib/domain/format';

export interface SettingsVersionView {
  version: number;
  createdBy: string | null;
  createdAt: string;
  changes: string[]; // against the version before it
  data: Record<string, unknown>;
}

/** Every saved version with what it changed; restoring one saves its values as a new version. */
export function SettingsHistory({
  shopId,
  csrf,
  current,
  versions,
  locale,
}: {
  shopId: string;
  csrf: string;
  current: number;
  versions: SettingsVersionView[];
  locale: string; // the store's display.locale setting
}) {
  const [asking, setAsking] = useState<number | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; msg: string } | null>(null);
  const restore = async (v: SettingsVersionView) => {
    const res = await fetch('/api/admin/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ shop: shopId, settings: v.data }),
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) return setStatus({ ok: false, msg: `Not restored: ${json?.error?.message ?? `HTTP ${res.status}`}` });
    const url = new URL(window.location.href);
    url.searchParams.set('saved', String(json.settings.version));
    url.searchParams.set('restored', String(v.version));
    window.location.assign(url.toString());
  };
  if (versions.length === 0) return <p className="text-sm text-slate-600">Defaults in use; nothing saved yet.</p>;
  return (
    <>
      <ol className="space-y-2 text-sm" data-testid="settings-history">
        {versions.map((v) => (
          <li key={v.version} className="rounded-md border border-slate-200 p-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span className="font-medium">Version {v.version}</span> · {v.createdBy ?? 'unknown'} ·{' '}
                {formatDateTime(v.createdAt, locale)}
                {v.version === current && (
                  <span className="ml-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">in use</span>
                )}
              </span>
              {v.version !== current &&
                (asking === v.version ? (
                  <span role="alertdialog" aria-label={`Restore version ${v.version}?`} className="flex items-center gap-2 text-xs">
                    Restore version {v.version} as a new version?
                    <button
                      type="button"
                      onClick={() => void restore(v)}
                      className="rounded-md bg-brand-600 px-2 py-1 font-semibold text-white hover:bg-brand-700"
                    >
                      Restore
                    </button>
                    <button type="button" onClick={() => setAsking(null)} className="rounded-md border border-slate-300 px-2 py-1">
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    onClick={() => setAsking(v.version)}
                    className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                  >
                    Restore…
                  </button>
                ))}
            </div>
            {v.changes.length > 0 ? (
              <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-700" aria-label={`Changes in version ${v.version}`}>
                {v.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-xs text-slate-600">No change against the version before.</p>
            )}
          </li>
        ))}
      </ol>
      {status && (
        <p role="status" className={`mt-2 text-sm ${status.ok ? 'text-emerald-800' : 'text-rose-800'}`}>
          {status.msg}
        </p>
      )}
    </>
  );
}
