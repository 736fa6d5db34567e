// How a person can be recognised across Shopify and Gorgias: emails (lower-cased) and phone numbers
// (digits with an optional leading "+", so "+1 (555) 010-2030" and "+15550102030" are the same).

export interface Contact {
  email: string | null; // the ticket's customer email
  otherEmails: string[]; // other emails Gorgias knows for that customer
  phones: string[]; // phone numbers Gorgias knows (SMS, WhatsApp, voice)
}

export const normalizeEmail = (email: string | null | undefined): string | null => email?.trim().toLowerCase() || null;

/** Null for anything with fewer than 7 digits: too short to identify anyone. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return null;
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}

export function normalizePhones(phones: (string | null | undefined)[]): string[] {
  return [...new Set(phones.map(normalizePhone).filter((p): p is string => p !== null))];
}

// Channel type names for phone numbers: 'phone' and 'sms' per Gorgias's SMS-integration guide;
// 'whatsapp' and 'voice' are unconfirmed (not found in the docs we could search) and harmless if unused.
const PHONE_CHANNELS = new Set(['phone', 'sms', 'whatsapp', 'voice']);

/** The contact of a Gorgias ticket's customer: the main email plus whatever its channels add. */
export function contactFromGorgias(customer: {
  email: string | null;
  channels?: { type: string | null; address: string | null }[];
}): Contact {
  const email = normalizeEmail(customer.email);
  const channels = customer.channels ?? [];
  const otherEmails = [
    ...new Set(
      channels
        .filter((c) => c.type === 'email')
        .map((c) => normalizeEmail(c.address))
        .filter((e): e is string => e !== null && e !== email),
    ),
  ];
  const phones = normalizePhones(channels.filter((c) => c.type !== null && PHONE_CHANNELS.has(c.type)).map((c) => c.address));
  return { email, otherEmails, phones };
}
