'use client';

import { useState } from 'react';

/** Ends every widget link of one store (a leaked link, an agent who left). Asks first: agents must reload their tickets. */
export function RevokeLinksButton({ shop, csrf }: { shop: string; csrf: string }) {
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="rounded border border-rose-300 px-2 py-1 text-xs text-rose-800 hover:bg-rose-50"
        onClick={async () => {
          if (!window.confirm(`Revoke every widget link of ${shop}? Agents get fresh links on the next ticket event.`)) return;
          const res = await fetch('/api/admin/widget-links/revoke', {
            method: 'POST',
            headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ shop }),
          });
          const json = await res.json().catch(() => null);
          setMsg(res.ok ? json.msg : (json?.error?.message ?? 'Failed'));
        }}
      >
        Revoke widget links
      </button>
      {msg && (
        <span role="status" className="ml-2 text-xs">
          {msg}
        </span>
      )}
    </span>
  );
}
