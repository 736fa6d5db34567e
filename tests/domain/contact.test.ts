import { describe, expect, it } from 'vitest';
import { contactFromGorgias, normalizePhone } from '@/lib/domain/contact';

describe('contact', () => {
  it('normalises phone numbers to digits with an optional +', () => {
    expect(normalizePhone('+1 (555) 010-2030')).toBe('+15550102030');
    expect(normalizePhone('555.010.2030')).toBe('5550102030');
    expect(normalizePhone('12-34')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });

  it("reads a Gorgias customer's emails and phone numbers from its channels", () => {
    const c = contactFromGorgias({
      email: ' Pat@Example.com',
      channels: [
        { type: 'email', address: 'pat@example.com' },
        { type: 'email', address: 'PAT.WORK@example.com' },
        { type: 'phone', address: '+44 20 7946 0958' },
        { type: 'sms', address: '+44 20 7946 0958' },
        { type: 'facebook', address: '1234567890' },
      ],
    });
    expect(c).toEqual({ email: 'pat@example.com', otherEmails: ['pat.work@example.com'], phones: ['+442079460958'] });
    expect(contactFromGorgias({ email: null })).toEqual({ email: null, otherEmails: [], phones: [] });
  });
});
