'use client';

import { useState } from 'react';
import { getPath, SETTINGS_SECTIONS, setPath, type SettingsField } from '@/lib/domain/settings-fields';

type Settings = Record<string, unknown>;

export function SettingsForm({ shopId, initial, csrf }: { shopId: string; initial: Settings; csrf: string }) {
  const [values, setValues] = useState<Settings>(initial);
  const [status, setStatus] = useState<{ ok: boolean; msg: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <form
      className="space-y-5"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        const res = await fetch('/api/admin/settings', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({ shop: shopId, settings: values }),
        });
        const json = await res.json().catch(() => null);
        setSaving(false);
        setStatus({ ok: res.ok, msg: res.ok ? json.msg : (json?.error?.message ?? `HTTP ${res.status}`) });
        if (res.ok) window.location.reload();
      }}
    >
      {SETTINGS_SECTIONS.map((section) => (
        <fieldset key={section.title} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold">{section.title}</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {section.fields.map((f) => (
              <Field key={f.path} field={f} value={getPath(values, f.path)} onChange={(v) => setValues((s) => setPath(s, f.path, v))} />
            ))}
          </div>
        </fieldset>
      ))}
      <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button disabled={!dirty || saving} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {dirty && <span className="text-sm text-amber-700">Unsaved changes</span>}
        {status && <span role="status" className={`text-sm ${status.ok ? 'text-emerald-700' : 'text-rose-700'}`}>{status.msg}</span>}
      </div>
    </form>
  );
}

function Field({ field, value, onChange }: { field: SettingsField; value: unknown; onChange: (v: unknown) => void }) {
  const id = `f-${field.path.replace(/\./g, '-')}`;
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';
  const label = (
    <>
      <span className="font-medium">{field.label}</span>
      {field.help && <span className="block text-xs font-normal text-slate-500">{field.help}</span>}
    </>
  );
  if (field.type === 'boolean') {
    return (
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <input id={id} type="checkbox" className="mt-1" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
    );
  }
  return (
    <label htmlFor={id} className="text-sm">
      {label}
      {field.type === 'number' && (
        <input
          id={id}
          type="number"
          className={input}
          min={field.min}
          max={field.max}
          step={field.step ?? 1}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' && field.nullable ? null : Number(e.target.value))}
        />
      )}
      {field.type === 'money' && <input id={id} inputMode="decimal" pattern="\d+(\.\d{1,2})?" className={input} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />}
      {field.type === 'text' &&
        (field.multiline ? (
          <textarea id={id} rows={3} className={input} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} className={input} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
        ))}
      {field.type === 'list' && <ListInput id={id} className={input} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} />}
      {field.type === 'select' && (
        <select id={id} className={input} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          {field.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      )}
    </label>
  );
}

// Keeps the raw text while typing (blank lines included) and reports the cleaned list.
function ListInput({ id, className, value, onChange }: { id: string; className: string; value: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState(value.join('\n'));
  return (
    <textarea
      id={id}
      rows={3}
      className={className}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split('\n').map((s) => s.trim()).filter(Boolean));
      }}
    />
  );
}
