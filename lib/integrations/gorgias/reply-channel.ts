// Which channel a reply goes out on, and how Gorgias expects its message addressed.
//
// Checked against Gorgias's "Create a message" reference and its "Create a new message in ticket via
// API" guide (developers.gorgias.com, searched 2026-12-02): an outgoing message has from_agent true,
// a `sender` that is a Gorgias user, a `receiver` that is the customer, no sent_datetime (else it is
// only imported), and for email a `source` with from/to addresses. The reference lists chat, sms,
// facebook(-messenger), instagram and whatsapp as message channels; that those route by the ticket's
// own integration with only `receiver` (no `source`) is our reading, not a documented example [?].

const SOCIAL = [
  'facebook',
  'facebook-messenger',
  'facebook-mention',
  'instagram',
  'instagram-direct-message',
  'instagram-comment',
  'instagram-ad-comment',
  'instagram-mention',
  'whatsapp',
  'twitter',
  'twitter-direct-message',
];

/** The ticket's channel, except where Gorgias can't answer on it: forms and API tickets are answered by email, calls by SMS. */
export function replyChannel(ticketChannel: string | null | undefined, contact: { email: string | null; phone: string | null }): string {
  const c = (ticketChannel ?? 'email').toLowerCase();
  if (c === 'email' || c === 'chat' || c === 'sms' || SOCIAL.includes(c)) return c;
  if (c === 'phone' || c === 'voice') return contact.phone ? 'sms' : 'email';
  return 'email'; // contact_form, help-center, api, unknown
}

export interface ReplyAddressing {
  channel: string;
  senderEmail: string; // the agent who acted (a Gorgias user) or the API user
  receiverEmail?: string | null;
  receiverPhone?: string | null;
  receiverCustomerId?: string | null;
}

/** The sender/receiver/source part of the message body for that channel. */
export function replyAddressing(a: ReplyAddressing): Record<string, unknown> {
  const body: Record<string, unknown> = { sender: { email: a.senderEmail } };
  const receiver: Record<string, unknown> = {};
  if (a.receiverCustomerId && /^\d{1,15}$/.test(a.receiverCustomerId)) receiver.id = Number(a.receiverCustomerId);
  if (a.receiverEmail) receiver.email = a.receiverEmail;
  if (Object.keys(receiver).length) body.receiver = receiver;
  if (a.channel === 'email' && a.receiverEmail)
    body.source = { type: 'email', from: { address: a.senderEmail }, to: [{ address: a.receiverEmail }] };
  if (a.channel === 'sms' && a.receiverPhone) body.source = { type: 'sms', to: [{ address: a.receiverPhone }] };
  return body;
}
