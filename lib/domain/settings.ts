import { z } from 'zod';
import { INTENTS } from './types';
import { canonicalLocale, DEFAULT_LOCALE, isSupportedLocale } from './format';

// Per-store settings. Every policy threshold and switch lives here; the admin settings page edits
// this object and each save becomes a new version. Parsing an empty object gives the defaults.

// The settings form's select sends "" for "leave as it is".
const priority = z.preprocess((v) => (v === '' ? null : v), z.enum(['low', 'normal', 'high', 'critical']).nullable().default(null));

const money = z.string().regex(/^\d+(\.\d{1,2})?$/, 'an amount like 500 or 500.00');

const locale = z.string().refine(isSupportedLocale, 'a locale like en-US, en-GB or de-DE').transform(canonicalLocale);

export const settingsSchema = z.object({
  // How the widget, the Gorgias card and the pages write this store's money and dates (20.9).
  display: z.object({ locale: locale.default(DEFAULT_LOCALE) }).prefault({}),
  returns: z
    .object({
      automate: z.boolean().default(true),
      windowDays: z.number().int().min(0).max(365).default(30), // counted from delivery
    })
    .prefault({}),
  exchanges: z
    .object({
      automate: z.boolean().default(true),
      finalSaleTag: z.string().default('final-sale'), // order tag or SKU marker that blocks exchanges
      finalSaleSkus: z.array(z.string()).default([]), // SKUs (or prefixes ending in *) never exchanged
      approvedSkus: z.array(z.string()).default([]), // empty = every SKU that is not final sale
    })
    .prefault({}),
  addressChange: z
    .object({
      automate: z.boolean().default(true),
      cutoffHours: z.number().min(0).max(720).default(12), // hours after the order is placed
    })
    .prefault({}),
  cancellation: z
    .object({
      automate: z.boolean().default(true),
      // The admin's defaults for every cancel (automated or a button without its own choices): the
      // plan text, the queued orderCancel call and the customer's reply all read these.
      refund: z.boolean().default(true),
      restock: z.boolean().default(true),
      notifyCustomer: z.boolean().default(true),
    })
    .prefault({}),
  tracking: z.object({ automate: z.boolean().default(true) }).prefault({}),
  refunds: z
    .object({
      repeatCount: z.number().int().min(1).default(2), // this many refunds ...
      repeatWindowDays: z.number().int().min(1).default(90), // ... within this many days = repeated
    })
    .prefault({}),
  highValue: z.object({ threshold: money.default('500') }).prefault({}),
  delay: z
    .object({
      noMovementDays: z.number().min(0.5).max(60).default(5),
      pastEstimateDays: z.number().min(0).max(60).default(2),
    })
    .prefault({}),
  vip: z
    .object({
      tags: z.array(z.string()).default(['vip']),
      minTotalSpent: money.default('1000'),
    })
    .prefault({}),
  automation: z
    .object({
      shadowMode: z.boolean().default(true), // compute and record, send nothing
      minConfidence: z.number().min(0).max(1).default(0.8),
      intents: z.record(z.enum(INTENTS), z.boolean()).default({
        wismo: true,
        cancel: false,
        address_change: false,
        return_exchange: false,
        refund: false,
        damaged: false,
        not_received: false,
        other: false,
      }),
    })
    .prefault({}),
  tone: z
    .object({
      brandName: z.string().default('our store'),
      agentSignature: z.string().default('The Customer Care Team'),
      style: z.enum(['warm', 'concise', 'formal']).default('warm'),
      extraGuidance: z.string().max(2000).default(''),
    })
    .prefault({}),
  review: z
    .object({
      daysAfterDelivery: z.number().int().min(0).max(60).default(7), // review-eligible this many days after a clean delivery
    })
    .prefault({}),
  qa: z
    .object({
      staleIssueDays: z.number().int().min(1).max(365).default(14), // open this long with no signal = listed in weekly QA
    })
    .prefault({}),
  routing: z
    .object({
      tagPrefix: z.string().default('concord/'),
      humanReviewTeamId: z.number().int().nullable().default(null),
      // Gorgias team per reason a ticket goes to a person; null falls back to humanReviewTeamId.
      teams: z
        .object({
          vip: z.number().int().nullable().default(null),
          damaged: z.number().int().nullable().default(null),
          refund: z.number().int().nullable().default(null),
          deliveryIssue: z.number().int().nullable().default(null),
          goodwill: z.number().int().nullable().default(null),
        })
        .prefault({}),
      // Gorgias ticket priority per reason; null leaves the priority as it is.
      priorities: z
        .object({
          vip: priority,
          damaged: priority,
          refund: priority,
          deliveryIssue: priority,
          goodwill: priority,
        })
        .prefault({}),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});
