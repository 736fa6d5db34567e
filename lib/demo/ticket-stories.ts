import type { Intent } from '@/lib/domain/types';

// The helpdesk side of the demo: tickets as customers really write them (typos, signatures,
// quoted replies, an emoji, order numbers in several spellings). Times are hours before `now`.
// `intent` is what the story is about, for tests and for checking the classifier; Gorgias' own
// guesses (`gorgiasIntents`) are what Gorgias would attach, sometimes blank, as it does.

export interface TicketCtx {
  name(orderKey: string): string; // "#1017"
  num(orderKey: string): string; // "1017"
  weekday(h: number): string; // "Tuesday", in the shop's time zone
  tracking(orderKey: string): string;
  carrier(orderKey: string): string;
  total(orderKey: string): string; // "783.02"
  shopName: string;
  agentFirstName: string;
}

export interface MessageSpec {
  h: number;
  by: 'customer' | 'agent' | 'note';
  text: (c: TicketCtx) => string;
  quotes?: number; // index of an earlier message this one quotes below the reply
  gorgiasIntents?: string[];
  sentiments?: string[];
  attachments?: Array<{ name: string; contentType: string; size: number }>;
  close?: boolean; // the agent sent and closed
}

export type TicketFrom = { customer: string; alt?: boolean } | { email: string; name: string };

export interface TicketStory {
  id: number;
  intent: Intent;
  from: TicketFrom;
  order: string | null; // the order story the ticket is about
  channel: 'email' | 'chat' | 'contact_form';
  subject: (c: TicketCtx) => string;
  tags: string[];
  messages: MessageSpec[];
  showcase: (c: TicketCtx) => string;
}

const D = 24;

export const TICKET_STORIES: TicketStory[] = [
  {
    id: 48120001,
    intent: 'wismo',
    from: { customer: 'liam' },
    order: 'liam_jacket',
    channel: 'chat',
    tags: [],
    subject: () => 'Order status',
    messages: [
      {
        h: 5,
        by: 'customer',
        gorgiasIntents: ['shipping/status'],
        text: (c) =>
          `hey! just checking on order ${c.num('liam_jacket')} - tracking hasnt updated since yesterday, is it still on track for this week? going camping saturday`,
      },
    ],
    showcase: (c) =>
      `WISMO on a healthy shipment ${c.name('liam_jacket')} (${c.carrier('liam_jacket')} scan yesterday, arriving tomorrow): the automatable case`,
  },
  {
    id: 48120002,
    intent: 'wismo',
    from: { customer: 'sofia' },
    order: 'sofia_jacket',
    channel: 'email',
    tags: ['ORDER-STATUS'],
    subject: () => 'Where is my order?',
    messages: [
      {
        h: 72,
        by: 'customer',
        gorgiasIntents: ['shipping/status'],
        text: (c) =>
          `Hi there,\n\nI ordered a jacket and boots almost two weeks ago (order ${c.name('sofia_jacket')}) and the tracking hasn't moved in days, it just says in transit in El Paso. Can you tell me what's going on?\n\nThanks,\nSofia Martinez`,
      },
      {
        h: 67,
        by: 'agent',
        text: (c) =>
          `Hi Sofia,\n\nThanks for reaching out, and sorry for the wait. I checked with ${c.carrier('sofia_jacket')}: your parcel ${c.tracking('sofia_jacket')} is still in their network and should start moving again shortly. I'll keep an eye on it for you.\n\nBest,\n${c.agentFirstName}\n${c.shopName} Customer Care`,
      },
      {
        h: 66,
        by: 'note',
        text: () => 'Opened a trace with UPS (ref 7741-2290). If there is no new scan by Friday, reship at no charge. - Sam',
      },
      {
        h: 6,
        by: 'customer',
        quotes: 1,
        gorgiasIntents: ['shipping/status'],
        sentiments: ['negative', 'urgent'],
        text: () =>
          `It's been more than a week now and still nothing, the tracking literally hasnt changed since El Paso. I needed this for a trip this weekend. Can you find out where it actually is or send another one??\n\nSofia`,
      },
    ],
    showcase: (c) =>
      `WISMO on a delayed order ${c.name('sofia_jacket')} (no scan for 8 days): agent reply, internal note, angry follow-up quoting the reply`,
  },
  {
    id: 48120003,
    intent: 'wismo',
    from: { customer: 'margaret' },
    order: 'margaret_jacket',
    channel: 'chat',
    tags: ['vip'],
    subject: () => 'Gift order stuck',
    messages: [
      {
        h: 20,
        by: 'customer',
        gorgiasIntents: ['shipping/status'],
        sentiments: ['urgent'],
        text: (c) =>
          `Hi, it's Margaret Okafor 🙂 my order ${c.name('margaret_jacket')} was supposed to arrive last week and the tracking has been sitting in Denver for days. It's a birthday gift for my daughter on Sunday. Can you help?`,
      },
      {
        h: 19.5,
        by: 'agent',
        text: (c) =>
          `Hi Margaret, thank you for your patience and I'm so sorry about this! I'm looking into ${c.name('margaret_jacket')} with USPS right now and will get back to you today. - ${c.agentFirstName}`,
      },
    ],
    showcase: (c) =>
      `VIP customer (tagged vip, 12 orders) with an open delay issue on ${c.name('margaret_jacket')}; her other order ${c.name('margaret_tent')} is high value and healthy`,
  },
  {
    id: 48120004,
    intent: 'cancel',
    from: { customer: 'noah' },
    order: 'noah_fleece',
    channel: 'email',
    tags: [],
    subject: () => 'Cancel order',
    messages: [
      {
        h: 4.1,
        by: 'customer',
        gorgiasIntents: ['order/cancel'],
        text: (c) =>
          `Hi, please cancel my order #${c.num('noah_fleece')} - I ordered the wrong size fleece (M, I need a L) and I'll just reorder.\nThanks\nNoah\n\nSent from my iPhone`,
      },
    ],
    showcase: (c) => `Cancel before fulfillment: ${c.name('noah_fleece')} placed 5 hours ago, nothing shipped (safe to cancel)`,
  },
  {
    id: 48120005,
    intent: 'cancel',
    from: { customer: 'oliver' },
    order: 'oliver_tent',
    channel: 'email',
    tags: [],
    subject: (c) => `Cancel order ${c.name('oliver_tent')}`,
    messages: [
      {
        h: 3,
        by: 'customer',
        gorgiasIntents: ['order/cancel'],
        text: (c) =>
          `Hello,\n\nI placed order ${c.name('oliver_tent')} on ${c.weekday(60)} for the Ridgeline tent and the Ember sleeping bag. Unfortunately our trip was called off and I no longer need them. Could you please cancel the order? I see it has already shipped, if it's too late can I just refuse the delivery?\n\nKind regards,\nOliver Grant`,
      },
    ],
    showcase: (c) =>
      `Cancel after fulfillment on a high-value order ${c.name('oliver_tent')} (${c.total('oliver_tent')}, shipped yesterday): must go to a human`,
  },
  {
    id: 48120006,
    intent: 'address_change',
    from: { customer: 'emma' },
    order: 'emma_shell',
    channel: 'email',
    tags: [],
    subject: () => 'Wrong shipping address!!',
    messages: [
      {
        h: 2.2,
        by: 'customer',
        gorgiasIntents: ['shipping/change'],
        sentiments: ['urgent'],
        text: (c) =>
          `Hi! I just placed order ${c.name('emma_shell')} and realized it's going to my old apartment 😬 Could you please ship it to:\n\nEmma Johansson\n2207 SE Clinton St, Apt 4\nPortland, OR 97202\n\ninstead of the Alberta St address? Thank you so much!!\n\nEmma\n(503) 555-0147`,
      },
    ],
    showcase: (c) => `Address change inside the 12-hour cutoff: ${c.name('emma_shell')} placed 3 hours ago, unfulfilled`,
  },
  {
    id: 48120007,
    intent: 'return_exchange',
    from: { customer: 'chloe' },
    order: 'chloe_pack',
    channel: 'email',
    tags: [],
    subject: () => 'Return daypack',
    messages: [
      {
        h: 26,
        by: 'customer',
        gorgiasIntents: ['return/request'],
        text: (c) =>
          `Hello,\n\nThe Summit 28L daypack from order ${c.name('chloe_pack')} is a bit smaller than I expected, my laptop doesn't fit in the sleeve. It's unused with the tags still on. How do I return it?\n\nMerci,\nChloé Dubois`,
      },
    ],
    showcase: (c) => `Return inside the window: ${c.name('chloe_pack')} delivered 10 days ago (window 30)`,
  },
  {
    id: 48120008,
    intent: 'return_exchange',
    from: { customer: 'ethan' },
    order: 'ethan_boots',
    channel: 'contact_form',
    tags: [],
    subject: () => 'Exchange boots for a bigger size',
    messages: [
      {
        h: 40,
        by: 'customer',
        gorgiasIntents: ['exchange/request'],
        text: (c) =>
          `Hey team, love the Trailhead boots but they're a half size too small, my toes hit the front on downhills. Can I exchange them for a 10.5? Order # is ${c.num('ethan_boots')} (hiking boot, US 10). Only worn around the house.\n\nthanks\nEthan`,
      },
    ],
    showcase: (c) => `Exchange for size: boots US 10 -> 10.5 on ${c.name('ethan_boots')}, delivered 8 days ago`,
  },
  {
    id: 48120009,
    intent: 'return_exchange',
    from: { customer: 'zoe' },
    order: 'zoe_vest',
    channel: 'email',
    tags: [],
    subject: () => 'vest exchange?',
    messages: [
      {
        h: 18,
        by: 'customer',
        gorgiasIntents: ['exchange/request'],
        text: (c) =>
          `hi, the puffer vest i got in order ${c.name('zoe_vest')} is wayyy too big on me, could i exchange it for a small or send it back? thx, zoe`,
      },
    ],
    showcase: (c) =>
      `Final-sale item: exchange asked for the sample-sale vest (SKU FS-NB-VEST-PUF-M, order tagged final-sale) on ${c.name('zoe_vest')}`,
  },
  {
    id: 48120010,
    intent: 'refund',
    from: { customer: 'lucas' },
    order: 'lucas_shell',
    channel: 'email',
    tags: [],
    subject: () => 'Refund for returned jacket',
    messages: [
      {
        h: 10,
        by: 'customer',
        gorgiasIntents: ['refund/status'],
        text: (c) =>
          `Hi,\n\nI dropped the Alpine Shell off at UPS on ${c.weekday(5 * D)} using the return label you sent (order ${c.name('lucas_shell')}). When can I expect the refund? My card still shows the full charge.\n\nBest regards,\nLucas Ferreira`,
      },
    ],
    showcase: (c) => `Refund status on ${c.name('lucas_shell')}: return approved 6 days ago, not yet received or refunded`,
  },
  {
    id: 48120011,
    intent: 'damaged',
    from: { customer: 'ava' },
    order: 'ava_poles',
    channel: 'email',
    tags: [],
    subject: () => 'Trekking pole arrived broken',
    messages: [
      {
        h: 30,
        by: 'customer',
        gorgiasIntents: ['order/damaged'],
        sentiments: ['negative'],
        attachments: [{ name: 'IMG_4412.jpg', contentType: 'image/jpeg', size: 1843221 }],
        text: (c) =>
          `Hi, my order ${c.num('ava_poles')} arrived on ${c.weekday(2 * D)} and one of the carbon trekking poles is cracked right below the grip (photo attached). The box was crushed on one corner. Can you send a replacement? I have a hike planned in two weeks.\n\nAva Thompson\n(720) 555-0113`,
      },
    ],
    showcase: (c) => `Damaged item with a photo attached: cracked pole on ${c.name('ava_poles')}, delivered 2 days ago`,
  },
  {
    id: 48120012,
    intent: 'damaged',
    from: { customer: 'priya', alt: true },
    order: 'priya_mugs',
    channel: 'email',
    tags: [],
    subject: () => 'dented mug',
    messages: [
      {
        h: 48,
        by: 'customer',
        gorgiasIntents: [],
        text: () =>
          `hi there - one of the two titanium mugs from my recent order came dented on the rim, like it was dropped. not the end of the world but its hard to drink from. could you send another one?\n\n--\nPriya Nair\nStudio Nair | Design & Illustration`,
      },
    ],
    showcase: (c) =>
      `Damaged item, no photo, written from Priya's second (studio) address with no order number: matched through her customer record to ${c.name('priya_mugs')}`,
  },
  {
    id: 48120013,
    intent: 'not_received',
    from: { customer: 'marcus' },
    order: 'marcus_jacket',
    channel: 'email',
    tags: [],
    subject: () => 'Package says delivered but its not here',
    messages: [
      {
        h: 20,
        by: 'customer',
        gorgiasIntents: ['shipping/delivery-issue'],
        sentiments: ['negative'],
        text: (c) =>
          `Hello,\n\nTracking for order ${c.name('marcus_jacket')} says it was delivered on ${c.weekday(3 * D)} and left at the front door, but there is nothing here. I checked with my neighbors and the building office. What can we do?\n\nMarcus Reed`,
      },
    ],
    showcase: (c) => `Not received although ${c.carrier('marcus_jacket')} says delivered 3 days ago: ${c.name('marcus_jacket')}`,
  },
  {
    id: 48120014,
    intent: 'other',
    from: { customer: 'james' },
    order: null,
    channel: 'chat',
    tags: ['product-question'],
    subject: () => 'Ember sleeping bag question',
    messages: [
      {
        h: 96,
        by: 'customer',
        gorgiasIntents: ['product/question'],
        text: () =>
          `Quick question - can the Ember 20° bag zip together with a second one to make a double? and is it ok to machine wash it?`,
      },
      {
        h: 95.5,
        by: 'agent',
        close: true,
        text: (c) =>
          `Hi James! Yes: two Ember bags zip together when one is left-zip and the other right-zip. For washing, use a front-loading machine on cold and gentle with a down-safe soap, then tumble dry on low with a couple of clean tennis balls. Happy camping! - ${c.agentFirstName}`,
      },
    ],
    showcase: () => 'Product question (other), answered and closed',
  },
  {
    id: 48120015,
    intent: 'wismo',
    from: { email: 'jess.brooks@example.net', name: 'Jess Brooks' },
    order: 'daniel_pack',
    channel: 'email',
    tags: [],
    subject: (c) => `order ${c.num('daniel_pack')}`,
    messages: [
      {
        h: 24,
        by: 'customer',
        gorgiasIntents: ['shipping/status'],
        text: (c) =>
          `Hello, my husband ordered a daypack for me (order ${c.num('daniel_pack')}) and it was supposed to be here last week. FedEx just says delayed?? Could you look into it please, I need it for a trip next week.\n\nThanks,\nJess`,
      },
    ],
    showcase: (c) =>
      `Unknown sender quoting another customer's order ${c.name('daniel_pack')} (Daniel Brooks, delayed by weather): the match must be flagged as uncertain`,
  },
  {
    id: 48120016,
    intent: 'return_exchange',
    from: { customer: 'mia' },
    order: 'mia_boots',
    channel: 'email',
    tags: [],
    subject: () => 'Return',
    messages: [
      {
        h: 22,
        by: 'customer',
        gorgiasIntents: ['return/request'],
        text: (c) =>
          `Hi, I bought the Trailhead boots a while back (order ${c.name('mia_boots')}) and after a few hikes they're giving me really bad blisters on my heel. Is it possible to return them? I still have the box.\n\nThanks, Mia`,
      },
    ],
    showcase: (c) => `Return outside the window: ${c.name('mia_boots')} delivered 40 days ago`,
  },
  {
    id: 48120017,
    intent: 'refund',
    from: { customer: 'grace' },
    order: 'grace_lamp',
    channel: 'email',
    tags: [],
    subject: () => 'Headlamp not working - refund please',
    messages: [
      {
        h: 6,
        by: 'customer',
        gorgiasIntents: ['refund/request'],
        sentiments: ['negative'],
        text: (c) =>
          `Hi,\n\nThe Beacon headlamp from order ${c.name('grace_lamp')} stopped turning on after a week, even with new batteries. Honestly I'd just like a refund for it.\n\nGrace`,
      },
    ],
    showcase: (c) =>
      `Refund request from a repeat refunder: Grace already had 2 refunds in 90 days (${c.name('grace_bottles')} full, ${c.name('grace_lamp')} partial)`,
  },
  {
    id: 48120018,
    intent: 'wismo',
    from: { customer: 'amelia' },
    order: 'amelia_fleece',
    channel: 'chat',
    tags: [],
    subject: () => 'delivery attempt??',
    messages: [
      {
        h: 8,
        by: 'customer',
        gorgiasIntents: ['shipping/status'],
        sentiments: ['negative'],
        text: (c) =>
          `USPS says they attempted delivery yesterday but i was home ALL day and nobody knocked?! where is my package now, order ${c.name('amelia_fleece')}`,
      },
    ],
    showcase: (c) => `Carrier exception: attempted delivery on ${c.name('amelia_fleece')} yesterday`,
  },
  {
    id: 48120019,
    intent: 'return_exchange',
    from: { customer: 'jack' },
    order: 'jack_fleece',
    channel: 'email',
    tags: ['returns'],
    subject: () => 'Return fleece',
    messages: [
      {
        h: 27 * D,
        by: 'customer',
        gorgiasIntents: ['return/request'],
        text: (c) =>
          `hi, I requested a return on your site for the Cascade fleece (L) from order ${c.name('jack_fleece')}, its way too big. do I need a label or do I just send it back?\n\nthanks\nJack`,
      },
      {
        h: 26 * D + 21.5,
        by: 'agent',
        close: true,
        text: (c) =>
          `Hi Jack,\n\nI've approved your return and emailed you a prepaid UPS label. Once the fleece is back at our warehouse we'll refund it to your original payment method.\n\nThanks,\n${c.agentFirstName}\n${c.shopName} Customer Care`,
      },
    ],
    showcase: (c) => `Closed history: the return on ${c.name('jack_fleece')} was approved, received, refunded (partial) and closed`,
  },
  {
    id: 48120020,
    intent: 'address_change',
    from: { customer: 'benjamin' },
    order: 'ben_pack',
    channel: 'email',
    tags: [],
    subject: () => 'Change shipping address',
    messages: [
      {
        h: 1.5,
        by: 'customer',
        gorgiasIntents: ['shipping/change'],
        text: (c) =>
          `Hi, I'm moving this weekend - could you change the shipping address on order ${c.num('ben_pack')} to 118 Larkspur Ln, Boulder, CO 80304? I don't think it has shipped yet.\n\nThanks,\nBen`,
      },
    ],
    showcase: (c) => `Address change outside the 12-hour cutoff: ${c.name('ben_pack')} placed 2 days ago, still unfulfilled`,
  },
];
