// The Gorgias macro that puts Concord's current reply draft into Gorgias's own reply box, so an
// agent edits and sends without leaving the helpdesk. Gorgias fills macro variables from the data
// its integrations stored on the customer: a native integration by name
// ({{ticket.customer.integrations.shopify.orders[0]…}}, docs.gorgias.com "Macro variables"), an
// HTTP integration under its id (customer.integrations[<integration id>], docs/gorgias.md, observed,
// not in Gorgias's docs). The macro's action is `setResponseText` with `body_text` / `body_html`
// (developers.gorgias.com "The Macro object").

export const REPLY_MACRO_EXTERNAL_ID = 'concord-reply-draft';
const REPLY_MACRO_NAME = 'Concord: insert reply draft';

/** The variable that reads the draft from the sidebar JSON Gorgias stored (ticket card, hidden key). */
export function replyDraftVariable(integrationId: string): string {
  return `{{ticket.customer.integrations[${integrationId}].ticket._reply_draft}}`;
}

export function replyMacro(integrationId: string) {
  const variable = replyDraftVariable(integrationId);
  return {
    external_id: REPLY_MACRO_EXTERNAL_ID,
    name: REPLY_MACRO_NAME,
    intent: null,
    actions: [
      {
        name: 'setResponseText',
        title: 'Set response text',
        type: 'user',
        arguments: { body_text: variable, body_html: `<div>${variable}</div>` },
      },
    ],
  };
}
