import type { Config } from '@/lib/runtime/config';
import { gorgiasClientFromConfig } from '@/lib/integrations/gorgias/client';
import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';
import { createOpenAI } from '@/lib/integrations/openai/client';
import { shopifyAdminClientFromConfig } from '@/lib/integrations/shopify/admin-client';

export const SYSTEMS = ['shopify', 'gorgias', 'klaviyo', 'openai'] as const;
export type System = (typeof SYSTEMS)[number];

/** One cheap, read-only call per system, so an admin can tell credentials work. Never returns secrets. */
export async function testConnection(config: Config, system: System): Promise<{ ok: boolean; msg: string; ms: number }> {
  const started = Date.now();
  const done = (ok: boolean, msg: string) => ({ ok, msg, ms: Date.now() - started });
  try {
    switch (system) {
      case 'shopify': {
        const c = shopifyAdminClientFromConfig(config);
        if (!c) return done(false, 'Shopify is not configured: set SHOPIFY_SHOP_DOMAIN and SHOPIFY_ADMIN_ACCESS_TOKEN.');
        return done(true, `Connected to the Shopify store “${await c.shopName()}”.`);
      }
      case 'gorgias': {
        const c = gorgiasClientFromConfig(config);
        if (!c) return done(false, 'Gorgias is not configured: set GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY.');
        return done(true, `Connected to Gorgias: ${(await c.listIntegrations()).length} integrations visible.`);
      }
      case 'klaviyo': {
        const c = klaviyoClientFromConfig(config);
        if (!c) return done(false, 'Klaviyo is not configured: set KLAVIYO_API_KEY.');
        return done(true, `Connected to Klaviyo: ${(await c.listSegments()).length} segments visible.`);
      }
      case 'openai': {
        const c = createOpenAI(config, { timeoutMs: 10_000 });
        if (!c) return done(false, 'No model is configured: drafts come from the built-in templates. Set OPENAI_API_KEY to use one.');
        await c.models.list();
        return done(true, `The model endpoint answers (model ${config.env.OPENAI_MODEL}).`);
      }
    }
  } catch (err) {
    return done(false, `${system} answered with an error: ${(err as Error).message.slice(0, 200)}`);
  }
}
