import { describe, expect, it } from 'vitest';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { checkGrounding } from '@/lib/domain/grounding';
import { draftCtx } from '../helpers/draft-context-fixture';

// Issue 20.5: drafts use what the customer already wrote. Each case is one the issue found in the
// demo: an address in the message was asked for again, "exchange for a 10.5" got "return or
// exchange?", one cracked pole made every item "damaged", and "we're cancelling now" was promised
// although sending the reply cancels nothing.

const emma = `Hi! I just placed order #1043 and realized it's going to my old apartment. Could you please ship it to:\n\nEmma Johansson\n2207 SE Clinton St, Apt 4\nPortland, OR 97202\n\ninstead of the Alberta St address? Thank you so much!!`;

describe('drafts use the customer’s words (20.5)', () => {
  it('does not ask for an address the message already gives, and names it back', () => {
    const ctx = draftCtx({
      intent: 'address_change',
      shipments: [],
      order: { ...draftCtx().order!, shippingCountry: 'US' },
      ticket: { customerMessage: emma },
      verdict: { decision: 'automate', nextStep: 'update_address', allowedPromises: ['address_change'] },
    });
    const { text, templateId } = templateDraft(ctx);
    expect(text).not.toMatch(/reply with the full new address|If your message doesn't include it/);
    expect(text).toContain('2207 SE Clinton St, Apt 4, Portland, OR 97202');
    expect(templateId).toBe('address_change.unfulfilled.update_from_message');
    expect(checkGrounding(text, ctx)).toEqual({ ok: true, spans: [] });
  });

  it('still asks for the address, naming only what is missing, when the message has part of it', () => {
    const ctx = draftCtx({
      intent: 'address_change',
      shipments: [],
      ticket: { customerMessage: 'Please change the address to 12 Oak St, Springfield' },
      verdict: { decision: 'automate', nextStep: 'update_address', allowedPromises: ['address_change'] },
    });
    expect(templateDraft(ctx).text).toMatch(/reply with the full new address/);
  });

  it('does not ask “return or exchange?” after “exchange them for a 10.5”', () => {
    const ctx = draftCtx({
      intent: 'return_exchange',
      order: { ...draftCtx().order!, items: [{ title: 'Trailhead Hiking Boots', quantity: 1, price: '149.00' }] },
      shipments: [],
      ticket: {
        customerMessage:
          "Love the Trailhead boots but they're a half size too small. Can I exchange them for a 10.5? Order # is 1043 (US 10).",
      },
      verdict: {
        decision: 'automate',
        nextStep: 'create_exchange',
        rule: 'exchange.inside_window',
        allowedPromises: ['exchange', 'return_label'],
      },
    });
    const { text, templateId } = templateDraft(ctx);
    expect(text).not.toMatch(/return it, or exchange it|Would you like to return/);
    expect(text).not.toMatch(/reply with the size or colou?r/i);
    expect(text).toMatch(/exchange your Trailhead Hiking Boots for the size 10\.5/);
    expect(templateId).toBe('return_exchange.unfulfilled.exchange_as_asked');
    expect(checkGrounding(text, ctx)).toEqual({ ok: true, spans: [] });
  });

  it('names the one damaged item instead of calling the whole order damaged', () => {
    const ctx = draftCtx({
      intent: 'damaged',
      order: {
        ...draftCtx().order!,
        items: [
          { title: 'Carbon Trekking Poles', quantity: 1, price: '119.00' },
          { title: 'Trail Gaiters', quantity: 1, price: '29.00' },
        ],
      },
      ticket: {
        customerMessage: 'My order arrived and one of the carbon trekking poles is cracked right below the grip (photo attached).',
        attachmentCount: 1,
      },
      verdict: { decision: 'human_review', nextStep: 'assign_human_review', allowedPromises: [] },
    });
    const { text } = templateDraft(ctx);
    expect(text).toMatch(/one of your Carbon Trekking Poles arrived damaged/);
    expect(text).not.toMatch(/and the other items arrived damaged/);
    expect(checkGrounding(text, ctx)).toEqual({ ok: true, spans: [] });
  });

  it('does not call every item damaged when the message names none of them', () => {
    const ctx = draftCtx({
      intent: 'damaged',
      order: {
        ...draftCtx().order!,
        items: [
          { title: 'Titanium Mug', quantity: 2, price: '24.00' },
          { title: 'Camp Spork', quantity: 1, price: '6.00' },
        ],
      },
      ticket: { customerMessage: 'something in the box came broken.' },
      verdict: { decision: 'human_review', nextStep: 'assign_human_review', allowedPromises: [] },
    });
    expect(templateDraft(ctx).text).toMatch(/part of your order arrived damaged/);
  });

  it('never says the order is being cancelled now: the reply says what happens once the cancellation goes through', () => {
    const ctx = draftCtx({
      intent: 'cancel',
      shipments: [],
      verdict: { decision: 'automate', nextStep: 'cancel_order', allowedPromises: ['cancellation', 'refund'] },
    });
    const { text } = templateDraft(ctx);
    expect(text).not.toMatch(/cancelling .* now/i);
    expect(text).toMatch(/I've cancelled (your order )?#1043 for you/);
    expect(checkGrounding(text, ctx)).toEqual({ ok: true, spans: [] });
    // Queued but not confirmed: under way, not done.
    const queued = templateDraft(
      draftCtx({
        intent: 'cancel',
        shipments: [],
        verdict: {
          decision: 'automate',
          nextStep: 'reply',
          allowedPromises: ['cancellation', 'refund'],
          taken: { kind: 'cancel_order', status: 'pending' },
        },
      }),
    ).text;
    expect(queued).toMatch(/asked for (your order )?#1043 to be cancelled/);
  });
});
