import { INTENTS } from './types';
import { isSupportedLocale } from './format';

// The settings form, described once: the admin page renders it, and the descriptions double as
// the help text. Paths point into the Settings object.

export type SettingsField =
  | { path: string; label: string; help: string; type: 'boolean' }
  | { path: string; label: string; help: string; type: 'number'; min: number; max: number; step?: number; nullable?: boolean }
  | { path: string; label: string; help: string; type: 'money' }
  | {
      path: string;
      label: string;
      help: string;
      type: 'text';
      multiline?: boolean;
      required?: boolean;
      pattern?: { re: string; message: string };
      maxLength?: number;
      locale?: boolean; // must also be a locale Intl can write in
    }
  | { path: string; label: string; help: string; type: 'list' }
  | { path: string; label: string; help: string; type: 'select'; options: string[] };

export interface SettingsSection {
  title: string;
  fields: SettingsField[];
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    title: 'Automation',
    fields: [
      {
        path: 'automation.shadowMode',
        label: 'Shadow mode',
        help: 'Compute and record everything as “would have sent / would have done”; send nothing.',
        type: 'boolean',
      },
      {
        path: 'automation.minConfidence',
        label: 'Minimum intent confidence for auto-replies',
        help: 'Between 0 and 1.',
        type: 'number',
        min: 0,
        max: 1,
        step: 0.05,
      },
      ...INTENTS.map((i) => ({
        path: `automation.intents.${i}`,
        label: `Automate ${i.replace(/_/g, ' ')}`,
        help: 'Allow automatic replies/actions for this intent when the policy says it is safe.',
        type: 'boolean' as const,
      })),
    ],
  },
  {
    title: 'Returns and exchanges',
    fields: [
      {
        path: 'returns.automate',
        label: 'Automate returns inside the window',
        help: 'Off: every return goes to a person.',
        type: 'boolean',
      },
      {
        path: 'returns.windowDays',
        label: 'Return window (days from delivery)',
        help: 'Day N is inside, day N+1 outside.',
        type: 'number',
        min: 0,
        max: 365,
      },
      { path: 'exchanges.automate', label: 'Automate exchanges of approved SKUs', help: '', type: 'boolean' },
      {
        path: 'exchanges.finalSaleTag',
        label: 'Final-sale tag',
        help: 'An order tag that marks final-sale items (never exchanged).',
        type: 'text',
      },
      {
        path: 'exchanges.finalSaleSkus',
        label: 'Final-sale SKUs',
        help: 'One per line; a trailing * matches a prefix (FS-*).',
        type: 'list',
      },
      {
        path: 'exchanges.approvedSkus',
        label: 'Approved SKUs for exchange',
        help: 'Empty = every SKU that is not final sale.',
        type: 'list',
      },
    ],
  },
  {
    title: 'Orders',
    fields: [
      { path: 'addressChange.automate', label: 'Automate address corrections before the cutoff', help: '', type: 'boolean' },
      {
        path: 'addressChange.cutoffHours',
        label: 'Address-change cutoff (hours after the order)',
        help: 'Only while nothing is fulfilled.',
        type: 'number',
        min: 0,
        max: 720,
      },
      {
        path: 'cancellation.automate',
        label: 'Automate cancellations before fulfillment',
        help: 'Only while nothing is fulfilled or on hold.',
        type: 'boolean',
      },
      {
        path: 'cancellation.refund',
        label: 'Cancel: refund the payment',
        help: 'The default for every cancellation (automated, or a button that names no choice). The reply says exactly what was chosen.',
        type: 'boolean',
      },
      { path: 'cancellation.restock', label: 'Cancel: restock the items', help: '', type: 'boolean' },
      { path: 'cancellation.notifyCustomer', label: 'Cancel: Shopify emails the customer', help: '', type: 'boolean' },
      { path: 'tracking.automate', label: 'Automate tracking replies when the shipment is healthy', help: '', type: 'boolean' },
      {
        path: 'highValue.threshold',
        label: 'High-value order threshold',
        help: 'Orders at or above this total (shop currency) always go to a person.',
        type: 'money',
      },
    ],
  },
  {
    title: 'Risk',
    fields: [
      { path: 'refunds.repeatCount', label: 'Repeated refunds: count', help: 'This many refunds…', type: 'number', min: 1, max: 50 },
      {
        path: 'refunds.repeatWindowDays',
        label: 'Repeated refunds: window (days)',
        help: '…within this many days routes refund requests to a person.',
        type: 'number',
        min: 1,
        max: 730,
      },
      { path: 'vip.tags', label: 'VIP customer tags', help: 'One per line.', type: 'list' },
      { path: 'vip.minTotalSpent', label: 'VIP by total spent', help: 'Customers who spent at least this much are VIPs.', type: 'money' },
    ],
  },
  {
    title: 'Delays',
    fields: [
      {
        path: 'delay.noMovementDays',
        label: 'Delayed after N days without a carrier scan',
        help: '',
        type: 'number',
        min: 0.5,
        max: 60,
        step: 0.5,
      },
      {
        path: 'delay.pastEstimateDays',
        label: 'Delayed N days past the estimated delivery',
        help: '',
        type: 'number',
        min: 0,
        max: 60,
        step: 0.5,
      },
      {
        path: 'qa.staleIssueDays',
        label: 'Weekly QA: list issues open this long with no activity (days)',
        help: 'An open issue keeps its customer suppressed; after this many quiet days it is listed for a person to check.',
        type: 'number',
        min: 1,
        max: 365,
      },
      {
        path: 'review.daysAfterDelivery',
        label: 'Klaviyo: review-eligible N days after a clean delivery',
        help: 'Delivered with no issue on the order and nothing open for the customer; one event per order.',
        type: 'number',
        min: 0,
        max: 60,
      },
    ],
  },
  {
    title: 'Display',
    fields: [
      {
        path: 'display.locale',
        label: 'Locale for money and dates',
        help: 'How the sidebar, the Gorgias card and these pages write amounts and dates for this store, e.g. en-US ($1,299.50, Nov 24, 2026), en-GB, de-DE (1.299,50 €, 24. Nov. 2026).',
        type: 'text',
        required: true,
        maxLength: 35,
        locale: true,
        pattern: { re: '^\\s*[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\\s*$', message: 'A locale like en-US, en-GB or de-DE.' },
      },
    ],
  },
  {
    title: 'Brand tone for drafts',
    fields: [
      { path: 'tone.brandName', label: 'Brand name', help: '', type: 'text', required: true, maxLength: 100 },
      { path: 'tone.agentSignature', label: 'Signature', help: 'How drafts are signed.', type: 'text', required: true, maxLength: 200 },
      { path: 'tone.style', label: 'Style', help: '', type: 'select', options: ['warm', 'concise', 'formal'] },
      {
        path: 'tone.extraGuidance',
        label: 'Extra guidance for the model',
        help: 'Plain words, e.g. “never use exclamation marks”.',
        type: 'text',
        multiline: true,
        maxLength: 2000,
      },
    ],
  },
  {
    title: 'Routing',
    fields: [
      {
        path: 'routing.tagPrefix',
        label: 'Gorgias tag prefix',
        help: 'Tags look like concord/wismo, concord/human-review.',
        type: 'text',
        required: true,
        maxLength: 40,
        pattern: { re: '^[A-Za-z0-9_./-]+$', message: 'Letters, digits and - _ / . only, no spaces (e.g. concord/).' },
      },
      {
        path: 'routing.humanReviewTeamId',
        label: 'Gorgias team id for human review',
        help: 'Tickets routed to a person are assigned to this team. Empty: tag only.',
        type: 'number',
        min: 0,
        max: 1e12,
        nullable: true,
      },
      ...(['vip', 'damaged', 'refund', 'deliveryIssue', 'goodwill'] as const).flatMap((r) => {
        const name = {
          vip: 'VIP customers',
          damaged: 'damaged items',
          refund: 'refunds',
          deliveryIssue: 'delivery issues',
          goodwill: 'goodwill and retention',
        }[r];
        return [
          {
            path: `routing.teams.${r}`,
            label: `Team for ${name}`,
            help: 'Gorgias team id. Empty: the human-review team.',
            type: 'number' as const,
            min: 0,
            max: 1e12,
            nullable: true,
          },
          {
            path: `routing.priorities.${r}`,
            label: `Priority for ${name}`,
            help: 'Empty: leave the ticket priority as it is.',
            type: 'select' as const,
            options: ['', 'low', 'normal', 'high', 'critical'],
          },
        ];
      }),
    ],
  },
];

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function setPath<T>(obj: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const clone = structuredClone(obj) as Record<string, unknown>;
  let cur = clone;
  for (const k of keys.slice(0, -1)) {
    cur[k] = { ...((cur[k] as Record<string, unknown>) ?? {}) };
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
  return clone as T;
}

/** Words for a number field's range: "a whole number from 0 to 365". */
function rangeText(f: Extract<SettingsField, { type: 'number' }>): string {
  const whole = (f.step ?? 1) % 1 === 0;
  return `${whole ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}`;
}

const MONEY = /^\d+(\.\d{1,2})?$/;

/**
 * What is wrong with a settings form, field by field, in words an admin can act on. The form shows
 * these beside the fields and the API refuses a save that has any, so a cleared field is never
 * saved as 0 or "". A field left out entirely keeps its default.
 */
export function settingsProblems(values: unknown): { path: string; label: string; message: string }[] {
  const out: { path: string; label: string; message: string }[] = [];
  for (const section of SETTINGS_SECTIONS) {
    for (const f of section.fields) {
      const v = getPath(values, f.path);
      const problem = fieldProblem(f, v);
      if (problem) out.push({ path: f.path, label: f.label, message: problem });
    }
  }
  return out;
}

function fieldProblem(f: SettingsField, v: unknown): string | null {
  // Left out (an API caller saving part of the settings): that field keeps its default.
  if (v === undefined) return null;
  switch (f.type) {
    case 'number': {
      if (v === null || v === undefined || v === '') return f.nullable ? null : `Required: ${rangeText(f)}.`;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) return `Must be ${rangeText(f)}.`;
      if (n < f.min || n > f.max) return `Out of range: ${rangeText(f)}.`;
      if ((f.step ?? 1) % 1 === 0 && !Number.isInteger(n)) return `Must be ${rangeText(f)}.`;
      return null;
    }
    case 'money': {
      const s = String(v ?? '').trim();
      if (!s) return 'Required: an amount like 500 or 500.00.';
      return MONEY.test(s) ? null : 'Must be an amount like 500 or 500.00 (digits, at most two decimals).';
    }
    case 'text': {
      const s = typeof v === 'string' ? v.trim() : '';
      if (f.required && !s) return 'Required.';
      if (f.pattern && s && !new RegExp(f.pattern.re).test(s)) return f.pattern.message;
      if (f.maxLength && s.length > f.maxLength) return `At most ${f.maxLength} characters.`;
      if (f.locale && s && !isSupportedLocale(s)) return `“${s}” is not a locale this browser and server know: try en-US, en-GB or de-DE.`;
      return null;
    }
    default:
      return null;
  }
}
