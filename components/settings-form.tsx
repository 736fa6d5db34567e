'use client';

import { useState } from 'react';
import { getPath, SETTINGS_SECTIONS, setPath, settingsProblems, type SettingsField } from '@/lib/domain/settings-fields';

type Settings = Record<string, unknown>;

export function SettingsForm({ shopId, initial, csrf }: { shopId: string; initial: Settings; csrf: string }) {
  const [values, setValues] = useState<Settings>(initial);
  const [status, setStatus] = useState<{ ok: boolean; msg: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  // Checked as the admin types and again by the API: a cleared field is an error, never a 0 or "".
  const problems = settingsProblems(values);
  const problemAt = new Map(problems.map((p) => [p.path, p.message]));
  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (problems.length) {
          setStatus({
            ok: false,
            msg: `Not saved: ${problems.length} field${problems.length === 1 ? ' needs' : 's need'} fixing (${problems.map((p) => p.label).join(', ')}).`,
          });
          document.getElementById(`f-${problems[0].path.replace(/\./g, '-')}`)?.focus();
          return;
        }
        setSaving(true);
        const res = await fetch('/api/admin/settings', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({ shop: shopId, settings: values }),
        });
        const json = await res.json().catch(() => null);
        setSaving(false);
        setStatus({ ok: res.ok, msg: res.ok ? json.msg : (json?.error?.message ?? `HTTP ${res.status}`) });
        // Reload with the saved version named, so the page (version line, history) and a visible
        // "Saved" notice both show what the server now holds.
        if (res.ok) {
          const url = new URL(window.location.href);
          url.searchParams.set('saved', String(json.settings.version));
          window.location.assign(url.toString());
        }
      }}
    >
      {SETTINGS_SECTIONS.map((section) => (
        <fieldset key={section.title} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold">{section.title}</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {section.fields.map((f) => (
              <Field
                key={f.path}
                field={f}
                value={getPath(values, f.path)}
                problem={problemAt.get(f.path) ?? null}
                onChange={(v) => setValues((s) => setPath(s, f.path, v))}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button
          disabled={!dirty || saving}
          aria-describedby={problems.length ? 'settings-problems' : undefined}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {dirty && <span className="text-sm text-amber-800">Unsaved changes</span>}
        {problems.length > 0 && (
          <span id="settings-problems" className="text-sm text-rose-800">
            {problems.length} field{problems.length === 1 ? '' : 's'} to fix before saving
          </span>
        )}
        {status && (
          <span role="status" className={`text-sm ${status.ok ? 'text-emerald-800' : 'text-rose-800'}`}>
            {status.msg}
          </span>
        )}
      </div>
    </form>
  );
}

function Field({
  field,
  value,
  problem,
  onChange,
}: {
  field: SettingsField;
  value: unknown;
  problem: string | null;
  onChange: (v: unknown) => void;
}) {
  const id = `f-${field.path.replace(/\./g, '-')}`;
  const input = `mt-1 block w-full rounded-md border px-2 py-1.5 text-sm ${problem ? 'border-rose-600' : 'border-slate-300'}`;
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-problem` } : {};
  const problemText = problem ? (
    <span id={`${id}-problem`} className="mt-0.5 block text-xs font-medium text-rose-800">
      {problem}
    </span>
  ) : null;
  const label = (
    <>
      <span className="font-medium">{field.label}</span>
      {field.help && <span className="block text-xs font-normal text-slate-600">{field.help}</span>}
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
          // A cleared field stays empty (and is flagged), rather than becoming 0.
          onChange={(e) => onChange(e.target.value === '' ? (field.nullable ? null : '') : Number(e.target.value))}
          {...invalid}
        />
      )}
      {field.type === 'money' && (
        <input
          id={id}
          inputMode="decimal"
          className={input}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
          {...invalid}
        />
      )}
      {field.type === 'text' &&
        (field.multiline ? (
          <textarea
            id={id}
            rows={3}
            className={input}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
            {...invalid}
          />
        ) : (
          <input
            id={id}
            className={input}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
            required={field.required}
            {...invalid}
          />
        ))}
      {field.type === 'list' && (
        <ListInput id={id} className={input} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} />
      )}
      {field.type === 'select' && (
        <select id={id} className={input} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          {field.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      )}
      {problemText}
    </label>
  );
}

// Keeps the raw text while typing (blank lines included) and reports the cleaned list.
function ListInput({
  id,
  className,
  value,
  onChange,
}: {
  id: string;
  className: string;
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const [text, setText] = useState(value.join('\n'));
  return (
    <textarea
      id={id}
      rows={3}
      className={className}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}
