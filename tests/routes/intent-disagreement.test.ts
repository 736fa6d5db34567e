import { beforeAll, describe, expect, it } from 'vitest';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { GET as widgetGET } from '@/app/api/widget/[ticket]/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { ensureShop } from '@/lib/connections/shops';
import { isoWeekOf } from '@/lib/domain/qa-sample';
import { loadQaWeek } from '@/lib/review/load-qa-week';
import { TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext } from '../helpers/builders';

// Issue 20.6: Gorgias's own intent tag is evidence, and when it still disagrees with Concord's
// reading the agent sees both in the widget and the lead finds the ticket on the QA page.

const SHOP = 'acme.myshopify.com';
const TICKET = '7501';
const AT = new Date(Date.now() - 3600_000).toISOString();

describe('Gorgias’s intent against Concord’s (20.6)', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    const ctx = gorgiasContext({
      ticketId: Number(TICKET),
      messageId: 7511,
      email: 'james@example.com',
      at: AT,
      text: 'I need to change the shipping address on my order, it is going to my old apartment.',
      extra: { tags: [{ name: 'product-question' }] },
    });
    const res = await widgetEventPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(ctx),
      }),
    );
    expect(res.status).toBe(200);
  });

  it('shows the disagreement in the widget’s data', async () => {
    const token = widgetToken({ ticketId: TICKET, shopId: SHOP, agent: 'sam@acme.com' }, TEST_SECRETS.SESSION_SECRET, new Date());
    const page = await (
      await widgetGET(new Request(`http://concord.test/api/widget/${TICKET}`, { headers: { 'x-widget-token': token } }), {
        params: Promise.resolve({ ticket: TICKET }),
      })
    ).json();
    expect(page.view.ticket.intent).toBe('address_change');
    expect(page.intentDisagreement).toEqual({ gorgias: 'product/question', gorgiasIntent: 'other', concord: 'address_change' });
  });

  it('lists it on the lead’s QA page for the week', async () => {
    const qa = await loadQaWeek(t.get().db, { shopId: SHOP, week: isoWeekOf(new Date(AT)), now: new Date() });
    expect(qa.intentDisagreements).toEqual([
      expect.objectContaining({ ticketId: TICKET, gorgias: 'product/question', concord: 'address_change', corrected: false }),
    ]);
  });
});
