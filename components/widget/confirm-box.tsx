'use client';

import { useEffect, useId, useRef } from 'react';

/**
 * An inline confirmation. Focus moves to the box itself (not to its confirm button), so a second
 * Enter can't confirm what the first one asked about, and screen readers announce it as an
 * alert dialog. Escape cancels.
 */
export function ConfirmBox({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Keep editing',
  onConfirm,
  onCancel,
  busy = false,
  danger = false,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  danger?: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      tabIndex={-1}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      className={`mt-2 rounded-md border p-2.5 text-xs outline-none focus-visible:ring-2 ${danger ? 'border-rose-300 bg-rose-50 text-rose-950' : 'border-slate-300 bg-slate-50 text-slate-900'}`}
    >
      <p id={`${id}-title`} className="font-semibold">
        {title}
      </p>
      <div id={`${id}-body`} className="mt-1">
        {children}
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={onConfirm}
          className={`rounded-md px-3 py-1.5 font-semibold text-white disabled:opacity-50 ${danger ? 'bg-rose-700 hover:bg-rose-800' : 'bg-brand-600 hover:bg-brand-700'}`}
        >
          {busy ? 'Sending…' : confirmLabel}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
