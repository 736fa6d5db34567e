import { describe, expect, it } from 'vitest';
import type { IssueRecord } from '@/lib/domain/issues';
import { checkSuppression, suppressionFindings, type SuppressionCustomer } from '@/lib/domain/qa-suppression';

const now = new Date('2026-11-25T12:00:00Z');
const issue = (status: 'open' | 'resolved', extra: Partial<IssueRecord> = {}): IssueRecord => ({
  key: `delay:${Math.random()}`,
  kind: 'delay',
  status,
  openedAt: new Date('2026-11-20T00:00:00Z'),
  resolvedAt: status === 'resolved' ? new Date('2026-11-24T09:30:00Z') : null,
  lastSignalAt: new Date('2026-11-24T09:30:00Z'),
  reason: 'No carrier scan for 6 days',
  orderId: '101',
  ticketId: null,
  closedBy: status === 'resolved' ? 'signal' : null,
  ...extra,
});
const customer = (c: Partial<SuppressionCustomer>): SuppressionCustomer => ({
  email: 'jane@example.com',
  klaviyoSuppressed: false,
  pushedAt: null,
  issues: [],
  overrides: [],
  ...c,
});

describe('suppression QA findings', () => {
  it('finds nothing when Klaviyo agrees', () => {
    expect(checkSuppression(customer({ klaviyoSuppressed: true, issues: [issue('open')] }), now)).toBeNull();
    expect(checkSuppression(customer({ klaviyoSuppressed: false, issues: [issue('resolved')] }), now)).toBeNull();
    expect(checkSuppression(customer({ klaviyoSuppressed: false }), now)).toBeNull();
  });

  it('flags a resolved customer Klaviyo still suppresses', () => {
    const f = checkSuppression(customer({ klaviyoSuppressed: true, issues: [issue('resolved')] }), now);
    expect(f).toMatchObject({ kind: 'resolved_still_flagged', email: 'jane@example.com' });
    expect(f!.explanation).toContain('2026-11-24 09:30');
    expect(f!.lastResolvedAt?.toISOString()).toBe('2026-11-24T09:30:00.000Z');
  });

  it('flags a suppression with no issue and no live override, and an expired override counts as none', () => {
    expect(checkSuppression(customer({ klaviyoSuppressed: true }), now)?.kind).toBe('flagged_without_reason');
    const expired = {
      mode: 'suppress' as const,
      reason: 'angry customer',
      expiresAt: new Date('2026-11-24T00:00:00Z'),
      createdAt: new Date('2026-11-20T00:00:00Z'),
      actor: 'sam',
    };
    expect(checkSuppression(customer({ klaviyoSuppressed: true, overrides: [expired] }), now)?.kind).toBe('flagged_without_reason');
    const live = { ...expired, expiresAt: new Date('2026-12-01T00:00:00Z') };
    expect(checkSuppression(customer({ klaviyoSuppressed: true, overrides: [live] }), now)).toBeNull();
  });

  it('flags a release that never reached Klaviyo', () => {
    const release = {
      mode: 'release' as const,
      reason: 'VIP asked for promos',
      expiresAt: null,
      createdAt: new Date('2026-11-24T00:00:00Z'),
      actor: 'sam',
    };
    const f = checkSuppression(customer({ klaviyoSuppressed: true, issues: [issue('open')], overrides: [release] }), now);
    expect(f?.kind).toBe('released_still_flagged');
    expect(f?.explanation).toContain('released by sam');
  });

  it('flags a missed entry: an open issue Klaviyo does not know about', () => {
    const f = checkSuppression(customer({ klaviyoSuppressed: false, issues: [issue('open')] }), now);
    expect(f?.kind).toBe('open_issue_not_flagged');
    expect(f?.explanation).toContain('open delay issue');
  });

  it('lists missed entries first', () => {
    const list = suppressionFindings(
      [
        customer({ email: 'a@example.com', klaviyoSuppressed: true }),
        customer({ email: 'b@example.com', klaviyoSuppressed: true, issues: [issue('resolved')] }),
        customer({ email: 'c@example.com', klaviyoSuppressed: false, issues: [issue('open')] }),
        customer({ email: 'd@example.com', klaviyoSuppressed: true, issues: [issue('open')] }),
      ],
      now,
    );
    expect(list.map((f) => [f.email, f.kind])).toEqual([
      ['c@example.com', 'open_issue_not_flagged'],
      ['b@example.com', 'resolved_still_flagged'],
      ['a@example.com', 'flagged_without_reason'],
    ]);
  });
});
