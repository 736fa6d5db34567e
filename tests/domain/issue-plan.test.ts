import { describe, expect, it } from 'vitest';
import { planIssueSignals, planKlaviyoIssueEffects } from '@/lib/domain/issue-plan';
import type { IssueSignal } from '@/lib/domain/issues';
import type { StoredIssue } from '@/lib/domain/plan';

const SHOP = 'acme.myshopify.com';
const t = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
const rita = { email: 'rita@example.com', shopifyId: '7' };
const open = (key: string, h: number, reason = 'late'): IssueSignal => ({
  key,
  kind: 'delay',
  action: 'open',
  at: t(h),
  reason,
  orderId: '1',
});
const resolve = (key: string, h: number, kind: IssueSignal['kind'] = 'delay'): IssueSignal => ({
  key,
  kind,
  action: 'resolve',
  at: t(h),
  reason: 'moving again',
  orderId: '1',
});

describe('planIssueSignals: issue rows, audit entries and changes as data', () => {
  it('opens, audits, and a later signal of the same key in the same plan sees the earlier one', () => {
    const { plan, changedCustomers } = planIssueSignals({
      shopId: SHOP,
      stored: new Map(),
      groups: [{ customer: rita, signals: [open('delay:f1', 1), resolve('delay:f1', 2)] }],
    });
    expect(plan.rowWrites.issues.map((w) => [w.op, w.key, w.values.status])).toEqual([
      ['insert', 'delay:f1', 'open'],
      ['update', 'delay:f1', 'resolved'],
    ]);
    expect(plan.auditEntries.map((a) => a.action)).toEqual(['issue.opened', 'issue.resolved']);
    expect(plan.issueChanges.map((c) => c.change)).toEqual(['opened', 'resolved']);
    expect(changedCustomers).toEqual([{ email: 'rita@example.com', changes: plan.issueChanges }]);
  });

  it('a still-open issue with a new description writes only reason and time; the same description writes nothing', () => {
    const stored: StoredIssue = {
      key: 'delay:f1',
      kind: 'delay',
      status: 'open',
      openedAt: t(1),
      resolvedAt: null,
      lastSignalAt: t(1),
      reason: 'late',
      orderId: '1',
      ticketId: null,
      closedBy: null,
      customerEmail: 'rita@example.com',
      customerShopifyId: '7',
    };
    const same = planIssueSignals({
      shopId: SHOP,
      stored: new Map([[stored.key, stored]]),
      groups: [{ customer: rita, signals: [open('delay:f1', 3)] }],
    });
    expect(same.plan.rowWrites.issues).toEqual([]);
    const newer = planIssueSignals({
      shopId: SHOP,
      stored: new Map([[stored.key, stored]]),
      groups: [{ customer: rita, signals: [open('delay:f1', 3, 'later still')] }],
    });
    expect(newer.plan.rowWrites.issues).toEqual([
      { op: 'update', shopId: SHOP, key: 'delay:f1', values: { reason: 'later still', lastSignalAt: t(3) } },
    ]);
    expect(newer.plan.auditEntries).toEqual([]);
  });

  it('a resolve never seen open leaves a tombstone (not for shipment signals), with no audit and no change', () => {
    const { plan } = planIssueSignals({
      shopId: SHOP,
      stored: new Map(),
      groups: [{ customer: rita, signals: [resolve('return:9', 1, 'return'), resolve('delay:f2', 1)] }],
    });
    expect(plan.rowWrites.issues.map((w) => [w.op, w.key])).toEqual([['insert', 'return:9']]);
    expect(plan.auditEntries).toEqual([]);
    expect(plan.issueChanges).toEqual([]);
  });
});

describe('planKlaviyoIssueEffects', () => {
  const changes = planIssueSignals({
    shopId: SHOP,
    stored: new Map(),
    groups: [{ customer: rita, signals: [open('delay:f1', 1), resolve('delay:f1', 2)] }],
  }).changedCustomers;

  it('an event per change, a recovery per resolve, one profile sync per customer', () => {
    const effects = planKlaviyoIssueEffects({
      shopId: SHOP,
      customers: [...changes, ...changes],
      pendingSync: new Set(),
      newSyncKey: (e) => `sync:${e}`,
    });
    expect(effects.map((e) => e.kind)).toEqual([
      'klaviyo.issue_event',
      'klaviyo.issue_event',
      'klaviyo.recovery_event',
      'klaviyo.sync_profile',
      'klaviyo.issue_event',
      'klaviyo.issue_event',
      'klaviyo.recovery_event',
    ]);
    expect(new Set(effects.map((e) => e.serialKey))).toEqual(new Set([`klaviyo:${SHOP}:rita@example.com`]));
  });

  it('no new profile sync while one is already waiting', () => {
    const effects = planKlaviyoIssueEffects({
      shopId: SHOP,
      customers: changes,
      pendingSync: new Set([`klaviyo:${SHOP}:rita@example.com`]),
      newSyncKey: (e) => `sync:${e}`,
    });
    expect(effects.some((e) => e.kind === 'klaviyo.sync_profile')).toBe(false);
  });
});
