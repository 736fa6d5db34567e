import { z } from 'zod';
import { settingsSchema, type Settings } from '@/lib/domain/settings';
import { INTENTS, type Verdict } from '@/lib/domain/types';
import { decidePolicy, type PolicyInput } from '@/lib/domain/policy/decide';
import { orderFulfillments, orderRefunds, toOrder, toTrackingEvent } from '@/lib/integrations/shopify/webhook-payloads';

// The policy simulator's scenario (CLI and settings page): a Shopify order in webhook JSON with
// its fulfillments and refunds, its fulfillment events, the intent and the customer.

const scenarioSchema = z.object({
  now: z.iso.datetime({ offset: true }),
  intent: z.enum(INTENTS),
  message: z.string().default(''),
  order: z.record(z.string(), z.unknown()).nullable(),
  events: z.array(z.record(z.string(), z.unknown())).default([]),
  customer: z
    .object({
      vip: z.boolean().default(false),
      refunds_last_90_days: z.number().int().min(0).default(0),
      open_issue_count: z.number().int().min(0).default(0),
    })
    .prefault({}),
  settings: z.record(z.string(), z.unknown()).optional(),
  attachments: z.number().int().min(0).optional(),
  photo_count: z.number().int().min(0).optional(),
  goodwill: z.boolean().optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;

export interface SimulationResult {
  decision: Verdict['decision'];
  next_step: Verdict['nextStep'];
  reasons: string[];
  explanation: string;
}

/** Settings: the scenario's own (over defaults) win over the store's, which win over defaults. */
export function simulateScenario(raw: unknown, baseSettings?: Settings): SimulationResult {
  const s = scenarioSchema.parse(raw);
  const settings = s.settings
    ? settingsSchema.parse(deepMerge(baseSettings ?? {}, s.settings))
    : (baseSettings ?? settingsSchema.parse({}));
  const order = s.order ? toOrder(s.order, 'simulator.myshopify.com') : null;
  const input: PolicyInput = {
    intent: s.intent,
    message: s.message,
    order,
    fulfillments: s.order ? orderFulfillments(s.order, new Date(s.now)) : [],
    events: s.events.map((e) => toTrackingEvent({ order_id: order?.id, ...e })),
    refunds: s.order ? orderRefunds(s.order) : [],
    returns: [],
    customer: { vip: s.customer.vip, refundsInWindow: s.customer.refunds_last_90_days, openIssueCount: s.customer.open_issue_count },
    evidence: { photoCount: s.photo_count ?? s.attachments ?? 0 },
    requestedGoodwill: s.goodwill ?? false,
  };
  const v = decidePolicy(input, settings, new Date(s.now));
  return { decision: v.decision, next_step: v.nextStep, reasons: v.reasons, explanation: v.explanation };
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(out[k], v);
  return out;
}
