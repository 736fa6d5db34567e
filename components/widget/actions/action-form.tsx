'use client';

import type { WidgetJson } from '../api';

// The forms for the actions a verdict asks for: cancel with a reason, address prefilled, return and
// exchange per item with the replacement variant, refund (full, partial, per item, restock, reason),
// reship, store credit, discount code. Each only fills `params`; the panel asks the server for the
// plan and confirms it, so what the agent reads is what Shopify receives.

const FORM_KINDS = [
  'cancel_order',
  'update_address',
  'create_return',
  'create_exchange',
  'refund_order',
  'reship_order',
  'store_credit',
  'discount_code',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const isFormKind = (k: string): k is FormKind => (FORM_KINDS as readonly string[]).includes(k);

export const FORM_LABELS: Record<FormKind, string> = {
  cancel_order: 'Cancel order',
  update_address: 'Update address',
  create_return: 'Create return',
  create_exchange: 'Exchange',
  refund_order: 'Refund',
  reship_order: 'Reship',
  store_credit: 'Store credit',
  discount_code: 'Discount code',
};

type Params = Record<string, unknown>;
type Forms = WidgetJson['actionForms'];
const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';
const label = 'block text-xs font-medium text-slate-700';

/** The params a form starts with: the address form prefilled from the customer's message, else the current address. */
export function initialParams(kind: FormKind, forms: Forms): Params {
  if (kind === 'update_address') return { address: { ...(forms.addressFromMessage?.address ?? forms.currentAddress ?? {}) } };
  return {};
}

function Choice({
  name,
  value,
  onChange,
  yes,
  no,
}: {
  name: string;
  value: unknown;
  onChange: (v: boolean | undefined) => void;
  yes: string;
  no: string;
}) {
  return (
    <label className={label}>
      {name}
      <select
        className={input}
        value={value === undefined ? '' : value ? 'yes' : 'no'}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
      >
        <option value="">Shop default</option>
        <option value="yes">{yes}</option>
        <option value="no">{no}</option>
      </select>
    </label>
  );
}

function Items({
  forms,
  params,
  setParams,
  withVariant,
}: {
  forms: Forms;
  params: Params;
  setParams: (p: Params) => void;
  withVariant?: boolean;
}) {
  const chosen = (params.lineItems as { lineItemId: string; quantity: number; variantId?: string | null }[] | undefined) ?? [];
  const set = (id: string, quantity: number, variantId?: string) => {
    const rest = chosen.filter((c) => c.lineItemId !== id);
    setParams({
      ...params,
      lineItems: quantity > 0 ? [...rest, { lineItemId: id, quantity, ...(withVariant ? { variantId: variantId || null } : {}) }] : rest,
    });
  };
  return (
    <fieldset className="space-y-1 text-xs">
      <legend className="font-medium text-slate-700">Items (none ticked: the whole order)</legend>
      {(forms.order?.lineItems ?? []).map((li) => {
        const c = chosen.find((x) => x.lineItemId === li.id);
        return (
          <div key={li.id} className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1">
              <input
                type="number"
                min={0}
                max={li.quantity}
                value={c?.quantity ?? 0}
                onChange={(e) => set(li.id, Math.min(li.quantity, Math.max(0, Number(e.target.value))), c?.variantId ?? undefined)}
                className="w-14 rounded border border-slate-300 px-1"
                aria-label={`Quantity of ${li.title}`}
              />
              {li.title} {li.sku ? <span className="text-slate-500">({li.sku})</span> : null} · {li.price}
            </label>
            {withVariant && c && (
              <input
                className="rounded border border-slate-300 px-1"
                placeholder="replacement variant id (empty: from the customer's words)"
                value={c.variantId ?? ''}
                onChange={(e) => set(li.id, c.quantity, e.target.value)}
                aria-label={`Replacement variant for ${li.title}`}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

export function ActionForm({
  kind,
  params,
  setParams,
  forms,
}: {
  kind: FormKind;
  params: Params;
  setParams: (p: Params) => void;
  forms: Forms;
}) {
  const text = (key: string, name: string, placeholder = '') => (
    <label className={label}>
      {name}
      <input
        className={input}
        placeholder={placeholder}
        value={String(params[key] ?? '')}
        onChange={(e) => setParams({ ...params, [key]: e.target.value || undefined })}
      />
    </label>
  );
  switch (kind) {
    case 'cancel_order':
      return (
        <div className="grid grid-cols-2 gap-2">
          <label className={label}>
            Reason
            <select
              className={input}
              value={String(params.cancelReason ?? 'CUSTOMER')}
              onChange={(e) => setParams({ ...params, cancelReason: e.target.value })}
            >
              {['CUSTOMER', 'INVENTORY', 'FRAUD', 'DECLINED', 'STAFF', 'OTHER'].map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <Choice
            name="Refund"
            value={params.refund}
            yes="Refund the payment"
            no="No refund"
            onChange={(v) => setParams({ ...params, refund: v })}
          />
          <Choice
            name="Restock"
            value={params.restock}
            yes="Restock"
            no="Don't restock"
            onChange={(v) => setParams({ ...params, restock: v })}
          />
          <Choice
            name="Email"
            value={params.notifyCustomer}
            yes="Shopify emails the customer"
            no="No email"
            onChange={(v) => setParams({ ...params, notifyCustomer: v })}
          />
          {text('reason', 'Staff note')}
        </div>
      );
    case 'update_address': {
      const a = (params.address ?? {}) as Record<string, string | null>;
      const set = (k: string, v: string) => setParams({ ...params, address: { ...a, [k]: v } });
      return (
        <div className="space-y-2">
          {forms.addressFromMessage && (
            <p className="text-xs text-slate-600">
              Prefilled from the customer&apos;s message
              {forms.addressFromMessage.complete ? '' : `; still missing: ${forms.addressFromMessage.missing.join(', ')}`}.
              {forms.currentAddress?.address1
                ? ` Current: ${[forms.currentAddress.address1, forms.currentAddress.city, forms.currentAddress.zip].filter(Boolean).join(', ')}.`
                : ''}
            </p>
          )}
          <div className="grid grid-cols-2 gap-2">
            {[
              ['name', 'Name'],
              ['address1', 'Address'],
              ['address2', 'Apt, suite'],
              ['city', 'City'],
              ['provinceCode', 'State/province code'],
              ['zip', 'ZIP'],
              ['countryCode', 'Country code'],
            ].map(([k, name]) => (
              <label key={k} className={label}>
                {name}
                <input
                  className={input}
                  value={a[k] ?? ''}
                  onChange={(e) => set(k, e.target.value)}
                  maxLength={k === 'countryCode' ? 2 : 200}
                />
              </label>
            ))}
          </div>
        </div>
      );
    }
    case 'create_return':
    case 'create_exchange':
      return (
        <div className="space-y-2">
          <Items forms={forms} params={params} setParams={setParams} withVariant={kind === 'create_exchange'} />
          {text('reason', "Reason in the customer's words (optional; mapped to Shopify's reason library)")}
        </div>
      );
    case 'refund_order':
      return (
        <div className="space-y-2">
          <Items forms={forms} params={params} setParams={setParams} />
          {text('amount', `Or an amount only (${forms.order?.currency ?? ''})`, 'e.g. 15.00')}
          <label className="flex items-center gap-1 text-xs">
            <input
              type="checkbox"
              checked={Boolean(params.restock)}
              onChange={(e) => setParams({ ...params, restock: e.target.checked })}
            />{' '}
            Restock the items
          </label>
          {text('reason', 'Reason (required)')}
        </div>
      );
    case 'reship_order':
      return (
        <div className="space-y-2">
          <Items forms={forms} params={params} setParams={setParams} />
          {text('reason', 'Reason', 'e.g. lost in transit')}
        </div>
      );
    case 'store_credit':
      return (
        <div className="grid grid-cols-2 gap-2">
          {text('amount', `Amount (${forms.order?.currency ?? ''})`, 'e.g. 15.00')}
          <label className={label}>
            Expires in days (optional)
            <input
              type="number"
              min={1}
              className={input}
              value={String(params.expiresInDays ?? '')}
              onChange={(e) => setParams({ ...params, expiresInDays: e.target.value ? Number(e.target.value) : undefined })}
            />
          </label>
          {text('reason', 'Reason')}
        </div>
      );
    case 'discount_code':
      return (
        <div className="grid grid-cols-2 gap-2">
          <label className={label}>
            Percent off
            <input
              type="number"
              min={1}
              max={100}
              className={input}
              value={String(params.percentage ?? '')}
              onChange={(e) => setParams({ ...params, percentage: e.target.value ? Number(e.target.value) : undefined, amount: undefined })}
            />
          </label>
          {text('amount', 'Or an amount off', 'e.g. 10.00')}
          {text('reason', 'Reason')}
        </div>
      );
  }
}
