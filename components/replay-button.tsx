'use client';

import { useState } from 'react';

export function ReplayButton({ id, csrf }: { id: number; csrf: string }) {
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
        onClick={async () => {
          const res = await fetch(`/api/admin/outbox/${id}/replay`, { method: 'POST', headers: { 'x-csrf-token': csrf } });
          const json = await res.json().catch(() => null);
          setMsg(res.ok ? json.msg : (json?.error?.message ?? 'Failed'));
        }}
      >
        Replay
      </button>
      {msg && (
        <span role="status" className="ml-2 text-xs">
          {msg}
        </span>
      )}
    </span>
  );
}
