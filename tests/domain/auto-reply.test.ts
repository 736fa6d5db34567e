import { describe, expect, it } from 'vitest';
import { autoReplyDecision, type AutoReplyInput } from '@/lib/domain/auto-reply';
import { settingsSchema } from '@/lib/domain/settings';
import type { ShipmentHealth, Verdict } from '@/lib/domain/types';

const healthy: ShipmentHealth = {
  state: 'in_transit',
  reason: 'Moving.',
  healthy: true,
  lastEventAt: null,
  lastEventStatus: 'in_transit',
  estimatedDeliveryAt: null,
  deliveredAt: null,
};
const automate: Verdict = {
  decision: 'automate',
  nextStep: 'reply_tracking',
  rule: 'tracking.healthy',
  reasons: [],
  explanation: 'Moving normally.',
  allowedPromises: [],
  summary: null,
};
const settings = (automation: Record<string, unknown> = {}) => settingsSchema.parse({ automation: { shadowMode: false, ...automation } });

/** Every condition holds: the one case that may be sent without a person. */
const safe = (over: Partial<AutoReplyInput> = {}): AutoReplyInput => ({
  intent: 'wismo',
  confidence: 0.95,
  shipment: healthy,
  grounding: { ok: true },
  settings: settings(),
  verdict: automate,
  ...over,
});

describe('autoReplyDecision', () => {
  it('sends when every condition holds and shadow mode is off', () => {
    const d = autoReplyDecision(safe());
    expect(d).toMatchObject({ send: true, shadow: false });
    expect(d.reasons).toHaveLength(1);
  });

  it('records "would have sent" in shadow mode, and sends nothing', () => {
    const d = autoReplyDecision(safe({ settings: settings({ shadowMode: true }) }));
    expect(d).toMatchObject({ send: false, shadow: true });
    expect(d.reasons.join(' ')).toMatch(/Shadow mode/);
  });

  it('is in shadow mode by default', () => {
    expect(autoReplyDecision(safe({ settings: settingsSchema.parse({}) }))).toMatchObject({ send: false, shadow: true });
  });

  it('accepts a confidence exactly at the threshold', () => {
    expect(autoReplyDecision(safe({ confidence: 0.8, settings: settings({ minConfidence: 0.8 }) })).send).toBe(true);
  });

  const blocked: [string, Partial<AutoReplyInput>, RegExp][] = [
    ['another intent', { intent: 'refund' }, /intent is refund/],
    ['no shipment', { shipment: null }, /no shipment/],
    ['a delivered parcel', { shipment: { ...healthy, state: 'delivered' } }, /delivered/],
    ['a delayed parcel', { shipment: { ...healthy, state: 'delayed', healthy: false } }, /delayed, not moving normally/],
    ['an exception', { shipment: { ...healthy, state: 'exception', healthy: false } }, /exception/],
    ['not yet shipped', { shipment: { ...healthy, state: 'unfulfilled', healthy: false } }, /unfulfilled/],
    ['low confidence', { confidence: 0.79 }, /0\.79 is below the 0\.80/],
    ['no confidence at all', { confidence: Number.NaN }, /below/],
    ['a draft that failed grounding', { grounding: { ok: false } }, /grounding check failed/],
    [
      'WISMO automation switched off',
      {
        settings: settings({
          intents: {
            wismo: false,
            cancel: false,
            address_change: false,
            return_exchange: false,
            refund: false,
            damaged: false,
            not_received: false,
            other: false,
          },
        }),
      },
      /switched off/,
    ],
    ['a human-review verdict', { verdict: { ...automate, decision: 'human_review', rule: 'vip.review' } }, /human review \(vip\.review\)/],
    ['no verdict', { verdict: null }, /no policy verdict/],
    ['events for the customer not applied yet', { unappliedEvents: 3 }, /3 newer events for this customer had not been applied yet/],
  ];
  for (const [label, over, reason] of blocked) {
    it(`does not send (nor shadow) with ${label}`, () => {
      for (const shadowMode of [false, true]) {
        const input = safe(over);
        const d = autoReplyDecision({
          ...input,
          settings: { ...input.settings, automation: { ...input.settings.automation, shadowMode } },
        });
        expect(d.send).toBe(false);
        expect(d.shadow).toBe(false);
        expect(d.reasons).toHaveLength(1);
        expect(d.reasons[0]).toMatch(reason);
      }
    });
  }

  it('names every failing condition at once', () => {
    const d = autoReplyDecision(safe({ intent: 'other', confidence: 0.2, grounding: { ok: false }, verdict: null }));
    expect(d.send).toBe(false);
    expect(d.reasons).toHaveLength(4);
  });
});
