import type { Config } from '@/lib/runtime/config';
import { KLAVIYO_PROPERTIES } from '@/lib/domain/suppression';
import { checkKlaviyoSetup, KLAVIYO_SETUP, type SetupItem } from '@/lib/integrations/klaviyo/setup-guide';
import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';

export interface KlaviyoSetupRow extends SetupItem {
  /** null when it can't be checked (not connected, or a flow filter the API can't read). */
  found: boolean | null;
  detail: string | null;
}

export interface KlaviyoSetupView {
  connected: boolean;
  error: string | null;
  rows: KlaviyoSetupRow[];
  properties: typeof KLAVIYO_PROPERTIES;
}

/** What to create in Klaviyo and, when connected, which of it exists. The setup page renders it. */
export async function loadKlaviyoSetup(config: Config): Promise<KlaviyoSetupView> {
  const client = klaviyoClientFromConfig(config);
  const unchecked = KLAVIYO_SETUP.map((item) => ({ ...item, found: null, detail: null }));
  if (!client) return { connected: false, error: null, rows: unchecked, properties: KLAVIYO_PROPERTIES };
  try {
    const status = await checkKlaviyoSetup(client);
    return {
      connected: true,
      error: null,
      rows: status.map((s) => ({ ...s.item, found: s.found, detail: s.detail })),
      properties: KLAVIYO_PROPERTIES,
    };
  } catch (err) {
    return { connected: true, error: (err as Error).message, rows: unchecked, properties: KLAVIYO_PROPERTIES };
  }
}
