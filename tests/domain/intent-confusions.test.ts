import { describe, expect, it } from 'vitest';
import { autoReplyDecision } from '@/lib/domain/auto-reply';
import { classifyIntent } from '@/lib/domain/intent/classify';
import { gateVerdict, intentGate } from '@/lib/domain/intent/automation-gate';
import { settingsSchema } from '@/lib/domain/settings';
import type { ShipmentHealth, Verdict } from '@/lib/domain/types';

// The confusions issue 18 names, each with messages written for this test (not copied from any
// labelled set). Before this work each of these was misread (see tests/fixtures/intents-new-BLIND.md).
const c = (text: string) => classifyIntent({ text });
const intent = (text: string) => c(text).intent;
const threshold = settingsSchema.parse({}).automation.minConfidence;

describe('refund status is refund, not WISMO', () => {
  it.each([
    "I'm still waiting for my refund of $54, it's been 3 weeks",
    'still waiting on the compensation of £15 you promised for the late parcel',
    'where is my refund? I sent the boots back two weeks ago',
    'any update on my reimbursement for order 4410?',
    'refund status please, you cancelled 7720 last monday',
  ])('%s', (text) => {
    expect(intent(text)).toBe('refund');
  });

  it('never auto-replies with tracking to a refund-status question', () => {
    const r = c("I'm still waiting for my refund of $54, it's been 3 weeks");
    const shipment: ShipmentHealth = { state: 'in_transit', healthy: true, reason: 'moving' } as ShipmentHealth;
    const verdict: Verdict = {
      decision: 'automate',
      nextStep: 'reply_tracking',
      rule: 'tracking.healthy',
      reasons: [],
      explanation: '',
      allowedPromises: [],
      summary: null,
    };
    const settings = settingsSchema.parse({ automation: { shadowMode: false } });
    const d = autoReplyDecision({
      intent: r.intent,
      confidence: r.confidence,
      decidedBy: r.decidedBy,
      shipment,
      grounding: { ok: true },
      settings,
      verdict,
    });
    expect(d.send).toBe(false);
  });
});

describe('terse status requests with an order number are WISMO', () => {
  it.each([
    'order 5531 status',
    'purchase 80412 current status',
    'orderstatus 66120',
    'status of 70213?',
    'whereismyorder 4410',
    '#90118 update?',
    'trackingnumber for 30021 pls',
    'status update - order 12077',
  ])('%s', (text) => {
    expect(intent(text)).toBe('wismo');
  });

  it('answers the plainest ones with enough confidence to auto-reply', () => {
    for (const text of ['order 5531 status', 'orderstatus 66120']) expect(c(text).confidence, text).toBeGreaterThanOrEqual(threshold);
  });
});

describe('out-of-scope questions are "other", never an order action', () => {
  it.each([
    // shipping options and countries
    'do you ship to Portugal?',
    'Do u deliver to Singapore',
    'what are the shipping costs to Japan',
    'which countries do you ship to',
    // payment methods and failed cards
    'my card was declined at checkout, what do I do',
    'do you accept apple pay?',
    'can I pay with Klarna',
    // accounts
    'how do I reset my password',
    'please delete my account',
    // newsletters and marketing
    'unsubscribe me from your newsletter',
    'cancel my newsletter please',
    // subscriptions and memberships
    'cancel my subscription, I have too much coffee',
    'please cancel my membership before it renews',
    // invoices
    'can you send me an invoice for order 5512',
    // how to order
    'how do I place an order?',
    'how can I order by phone',
    // contact hours
    'what are your opening hours?',
    'are you open on Sundays?',
  ])('%s', (text) => {
    expect(intent(text)).toBe('other');
  });

  it('still reads a real order cancellation as cancel', () => {
    expect(intent('please cancel order 4410, I ordered the wrong size')).toBe('cancel');
    expect(intent('cancel my order pls, bought it twice by accident')).toBe('cancel');
  });
});

// Written for this test in the voices of the new sets (typos, short forms, SMS). Before the fix each of
// these was read as an order cancel at a confidence that would automate (0.75–0.99).
describe('cancelling something that is not an order is "other", below any automation', () => {
  it.each([
    // accounts, in short forms
    'cancel my acct pls',
    // subscriptions with typos, auto renewal, recurring and future deliveries
    'can u cancel my subscribtion',
    'cancel subscripton asap',
    'pls cancel the auto renewal on my plan',
    'need to cancel the recurring delivery, not todays order',
    'how do I cancel future shipments of my subscription',
    // newsletters, misspelt
    'cancel my newsleter sub',
    // a cancellation-policy question before buying, not a request
    'whats your cancellation policy',
    'can I cancel an order after placing it? asking before I buy',
    // how to order when the site's button fails (was read as a defective item)
    'where do i put my order in, the button doesnt work',
  ])('%s', (text) => {
    const r = c(text);
    expect(r.intent).toBe('other');
    expect(intentGate(r, threshold).ok && r.intent !== 'other').toBe(false);
  });

  it('still cancels an order that is a subscription or renewal order already placed', () => {
    expect(intent('Cancel the subscription order I placed this morning, #5521')).toBe('cancel');
    expect(intent('I need to cancel my preorder')).toBe('cancel');
    expect(intent('how do i cancel my order i just placed')).toBe('cancel');
    expect(intent('dont ship it, cancel')).toBe('cancel');
  });
});

describe('refund and payment problems are told apart', () => {
  it('money taken wrongly is refund', () => {
    expect(intent('you charged my card twice for order 2231')).toBe('refund');
    expect(intent('the payment went through twice when the page froze, please give one back')).toBe('refund');
    expect(intent('I was charged but the order never went through, I want that money back')).toBe('refund');
  });
  it('a payment that did not go through is other', () => {
    expect(intent('payment failed twice, can I pay another way?')).toBe('other');
    expect(intent('what payment methods do you take')).toBe('other');
  });
});

describe('explainable answers', () => {
  it('names the cues and the weighted words that decided', () => {
    const r = c('order 5531 status');
    expect(r.decidedBy).toBe('rules');
    expect(r.reasons[0]).toMatch(/^wismo: matched "### status" \(order number and status\)/);
    // the quoted order number is not echoed (it may belong to someone else)
    expect(r.reasons.join(' ')).not.toContain('5531');
    expect(r.reasons.some((x) => /^weights: /.test(x))).toBe(true);
  });
});

describe('the automation gate', () => {
  it('needs a rules/weights answer at or above the threshold', () => {
    expect(intentGate({ intent: 'wismo', confidence: 0.95, decidedBy: 'rules' }, 0.8).ok).toBe(true);
    expect(intentGate({ intent: 'wismo', confidence: 0.79, decidedBy: 'rules' }, 0.8).ok).toBe(false);
    expect(intentGate({ intent: 'wismo', confidence: 0.99, decidedBy: 'model' }, 0.8)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/never automates by itself/),
    });
  });

  it('turns an automate verdict into human review when the intent may not automate', () => {
    const v: Verdict = {
      decision: 'automate',
      nextStep: 'cancel_order',
      rule: 'cancel.before_fulfillment',
      reasons: [],
      explanation: 'safe',
      allowedPromises: ['cancellation'],
      summary: null,
    };
    expect(gateVerdict(v, { intent: 'cancel', confidence: 0.97, decidedBy: 'rules' }, 0.8)).toBe(v);
    const byModel = gateVerdict(v, { intent: 'cancel', confidence: 0.99, decidedBy: 'model' }, 0.8);
    expect(byModel).toMatchObject({
      decision: 'human_review',
      nextStep: 'assign_human_review',
      rule: 'intent.not_sure_enough',
      allowedPromises: [],
    });
    expect(gateVerdict(v, { intent: 'cancel', confidence: 0.5, decidedBy: 'rules' }, 0.8).decision).toBe('human_review');
  });

  it('never auto-replies on a model answer, however confident', () => {
    const shipment = { state: 'in_transit', healthy: true, reason: 'moving' } as ShipmentHealth;
    const verdict: Verdict = {
      decision: 'automate',
      nextStep: 'reply_tracking',
      rule: 'tracking.healthy',
      reasons: [],
      explanation: '',
      allowedPromises: [],
      summary: null,
    };
    const settings = settingsSchema.parse({ automation: { shadowMode: false } });
    const base = { intent: 'wismo' as const, confidence: 0.99, shipment, grounding: { ok: true }, settings, verdict };
    expect(autoReplyDecision({ ...base, decidedBy: 'rules' }).send).toBe(true);
    const d = autoReplyDecision({ ...base, decidedBy: 'model' });
    expect(d.send).toBe(false);
    expect(d.reasons.join(' ')).toMatch(/language model/);
  });
});
