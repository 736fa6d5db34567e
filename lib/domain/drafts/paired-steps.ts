import type { PromiseKind } from '../types';

/** The steps a reply can be paired with ("Send reply and cancel"), and what a reply about each one says. */
export const PAIRED_STEPS: Record<string, { promises: PromiseKind[]; button: string }> = {
  cancel_order: { promises: ['cancellation'], button: 'Send reply and cancel' },
  update_address: { promises: ['address_change'], button: 'Send reply and update the address' },
  create_return: { promises: ['return_label'], button: 'Send reply and create the return' },
  create_exchange: { promises: ['exchange'], button: 'Send reply and create the exchange' },
};
