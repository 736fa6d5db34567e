import { ACTION_KINDS } from '@/lib/domain/types';

// Every action the audit log records, spelled once. writeAudit takes only these, and the admin
// audit page offers them as its action filter. To record something new, add it here first.

export const AUDIT_ACTIONS = [
  // an agent, a lead or the automation asked for an action (lib/actions/request-action.ts)
  ...ACTION_KINDS.map((k) => `action.${k}` as const),
  'action.stopped',
  'automation.acted',
  'automation.asked',
  'automation.shadow_would_act',
  'automation.shadow_would_ask',
  'connections.gorgias_account_saved',
  'connections.klaviyo_account_saved',
  'connections.linked',
  'draft.auto_sent',
  'draft.created',
  'draft.shadow_would_send',
  'draft.taught',
  'draft.untaught',
  'intent.corrected',
  'issue.opened',
  'issue.reopened',
  'issue.resolved',
  'klaviyo.profile_synced',
  'klaviyo.reconciled',
  'outbox.dead_lettered',
  'outbox.replayed',
  'privacy.customer_redacted',
  'privacy.data_requested',
  'privacy.refused',
  'privacy.shop_redacted',
  'qa.reviewed',
  'settings.updated',
  'setup.gorgias_installed',
  'shopify.connected',
  'shopify.disconnected',
  'shopify.reconciled',
  'shopify.refreshed',
  'shopify.uninstalled',
  'suppression.clear',
  'suppression.release',
  'suppression.suppress',
  'ticket.classified',
  'ticket.intent_model_asked',
  'ticket.routed_to_person',
  'widget_links.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: the system (webhooks, the worker, the automation) or a signed-in person's role. */
export const ACTOR_TYPES = ['system', 'agent', 'lead', 'admin'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
