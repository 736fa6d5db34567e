import type { KlaviyoSetupView } from '@/lib/admin/load-klaviyo-setup';

// Lists what to create in Klaviyo and, when connected, whether it exists (the page loads it).
export function KlaviyoSetup({ setup }: { setup: KlaviyoSetupView }) {
  const checked = setup.connected && !setup.error;
  return (
    <section aria-labelledby="klaviyo" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="klaviyo" className="text-lg font-semibold">
        Klaviyo: segments and flow filters
      </h2>
      <p className="text-sm text-slate-600">
        Concord never unsubscribes or suppresses anyone in Klaviyo (that changes consent). It sets these profile properties and sends the
        events
        <code> Concord Issue Opened</code> and <code>Concord Issue Resolved</code>; create the segments and filters below once.
      </p>
      {!setup.connected && (
        <p className="text-sm text-slate-500">Klaviyo is not connected (KLAVIYO_API_KEY), so Concord can’t check which of these exist.</p>
      )}
      {setup.error && (
        <p role="alert" className="text-sm text-rose-700">
          Couldn’t check Klaviyo: {setup.error}
        </p>
      )}
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Klaviyo segments">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th>Create</th>
              <th>Definition</th>
              <th>Use</th>
              {checked && <th>Exists</th>}
            </tr>
          </thead>
          <tbody>
            {setup.rows.map((item) => (
              <tr key={item.name} className="border-t border-slate-100 align-top">
                <td className="py-1.5">
                  <span className="text-xs text-slate-500">{item.kind}</span>
                  <br />
                  {item.name}
                </td>
                <td>
                  <code className="text-xs">{item.definition}</code>
                </td>
                <td className="text-xs">{item.use}</td>
                {checked && (
                  <td className="text-xs">{item.found === null ? (item.detail ?? '—') : item.found ? '✓ found' : '✗ missing'}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Profile properties Concord sets</summary>
        <ul className="mt-2 space-y-1">
          {setup.properties.map((p) => (
            <li key={p.name}>
              <code>{p.name}</code> <span className="text-xs text-slate-500">({p.type})</span>: {p.meaning}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
