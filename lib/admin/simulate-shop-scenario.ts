import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { shopDomain } from '@/lib/integrations/shopify/shop-domain';
import { getSettings } from '@/lib/settings/settings-store';
import { simulateScenario, type SimulationResult } from './simulate-scenario';

export const simulateBody = z.object({ shop: shopDomain, scenario: z.unknown() });

/** One scenario run with the store's saved settings; a scenario that can't run is a 400 that says why. */
export async function simulateShopScenario(db: Db, input: z.output<typeof simulateBody>): Promise<SimulationResult> {
  const { version: _v, ...settings } = await getSettings(db, input.shop);
  try {
    return simulateScenario(input.scenario, settings);
  } catch (err) {
    if (err instanceof z.ZodError) throw err;
    throw new AppError('invalid_scenario', `The scenario can't be simulated: ${(err as Error).message}`);
  }
}
