import type { Config } from '@/lib/runtime/config';
import { CONCORD_WIDGET_TEMPLATE } from '@/lib/integrations/gorgias/widget-template';
import type { GorgiasClient } from '@/lib/integrations/gorgias/client';
import { REPLY_MACRO_EXTERNAL_ID, replyMacro } from '@/lib/integrations/gorgias/reply-macro';

const INTEGRATION_NAME = 'Concord';
const INTEGRATION_TRIGGERS = ['ticket-created', 'ticket-updated', 'ticket-message-created'] as const;

/** The exact values an admin pastes into Gorgias → Settings → HTTP integration. */
export function gorgiasIntegrationValues(config: Config) {
  return {
    name: INTEGRATION_NAME,
    url: `${config.appUrl}/api/gorgias/widget`,
    method: 'POST',
    headers: { Authorization: 'Bearer <GORGIAS_INTEGRATION_SECRET>' },
    requestContentType: 'application/json',
    responseContentType: 'application/json',
    body: '{{context}}',
    triggers: [...INTEGRATION_TRIGGERS],
    getAlternative: `${config.appUrl}/api/gorgias/widget?email={{ticket.customer.email}}&ticket={{ticket.id}}&account={{ticket.account.domain}}`,
    buttons: [
      {
        label: 'Apply suggested action',
        method: 'POST',
        url: `${config.appUrl}/api/gorgias/actions`,
        body: '{"ticket_id": "{{ticket.id}}", "account": "{{ticket.account.domain}}", "action": "<action>", "confirm": true, "agent_email": "{{current_user.email}}"}',
      },
      {
        label: 'Suppress promos',
        method: 'POST',
        url: `${config.appUrl}/api/gorgias/suppression`,
        body: '{"ticket_id": "{{ticket.id}}", "account": "{{ticket.account.domain}}", "mode": "suppress", "reason": "Set from Gorgias", "agent_email": "{{current_user.email}}"}',
      },
      {
        label: 'Release promos',
        method: 'POST',
        url: `${config.appUrl}/api/gorgias/suppression`,
        body: '{"ticket_id": "{{ticket.id}}", "account": "{{ticket.account.domain}}", "mode": "release", "reason": "Set from Gorgias", "agent_email": "{{current_user.email}}"}',
      },
    ],
  };
}

/**
 * Creates the HTTP integration (unless one already points at Concord), installs the widget
 * template, so the sidebar looks right from the first ticket, and the "insert reply draft" macro
 * (once), so agents take Concord's draft into Gorgias's own reply box.
 */
export async function installGorgiasIntegration(
  client: Pick<GorgiasClient, 'listIntegrations' | 'createHttpIntegration' | 'createWidget' | 'listMacros' | 'createMacro'>,
  config: Config,
) {
  const values = gorgiasIntegrationValues(config);
  const existing = (await client.listIntegrations()).find((i) => i.url === values.url && !i.deactivated);
  const integrationId =
    existing?.id ??
    (
      await client.createHttpIntegration({
        name: values.name,
        url: values.url,
        method: 'POST',
        headers: { Authorization: `Bearer ${config.secrets.gorgiasIntegration}` },
        body: '{{context}}',
        triggers: [...INTEGRATION_TRIGGERS],
      })
    ).id;
  const widget = await client.createWidget({ integrationId, template: CONCORD_WIDGET_TEMPLATE });
  const macro = (await client.listMacros()).find((m) => m.externalId === REPLY_MACRO_EXTERNAL_ID);
  const macroId = macro?.id ?? (await client.createMacro(replyMacro(integrationId))).id;
  return { integrationId, createdIntegration: !existing, widgetId: widget.id, macroId, createdMacro: !macro };
}
