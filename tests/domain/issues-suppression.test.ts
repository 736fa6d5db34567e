import { describe, expect, it } from 'vitest';
import { applyIssueSignal, signalsFromShipment, signalsFromTicket, type IssueRecord, type IssueSignal } from '@/lib/domain/issues';
import { deriveSuppression, klaviyoProfileProperties, type SuppressionOverride } from '@/lib/domain/suppression';
import type { ShipmentHealth } from '@/lib/domain/types';

const t = (h: number) => new Date(Date.UTC(2026, 10, 24, h));
const open = (key: string, h: number, kind: IssueSignal['kind'] = 'delay'): IssueSignal => ({
  key,
  kind,
  action: 'open',
  at: t(h),
  reason: `${key} opened`,
});
const resolve = (key: string, h: number, kind: IssueSignal['kind'] = 'delay'): IssueSignal => ({
  key,
  kind,
  action: 'resolve',
  at: t(h),
  reason: `${key} resolved`,
});

function play(signals: IssueSignal[]): { records: Map<string, IssueRecord>; changes: string[] } {
  const records = new Map<string, IssueRecord>();
  const changes: string[] = [];
  for (const s of signals) {
    const { record, changed } = applyIssueSignal(records.get(s.key) ?? null, s);
    records.set(s.key, record);
    changes.push(changed);
  }
  return { records, changes };
}
const suppressed = (records: Map<string, IssueRecord>, overrides: SuppressionOverride[] = [], now = t(20)) =>
  deriveSuppression({ issues: [...records.values()], overrides, now });

describe('issue lifecycle', () => {
  it('open/open/resolve/resolve: suppressed until both issues are resolved', () => {
    const steps = [open('a', 1), open('b', 2), resolve('a', 3), resolve('b', 4)];
    const seen: boolean[] = [];
    const records = new Map<string, IssueRecord>();
    for (const s of steps) {
      records.set(s.key, applyIssueSignal(records.get(s.key) ?? null, s).record);
      seen.push(suppressed(records).suppressed);
    }
    expect(seen).toEqual([true, true, true, false]);
    expect(suppressed(records).resolvedAt).toEqual(t(4));
  });

  it('ignores duplicates', () => {
    expect(play([open('a', 1), open('a', 1), resolve('a', 2), resolve('a', 2)]).changes).toEqual(['opened', 'none', 'resolved', 'none']);
  });

  it('a resolve that arrives before its open leaves the issue resolved', () => {
    const { records, changes } = play([resolve('a', 5), open('a', 1)]);
    expect(changes).toEqual(['none', 'none']);
    expect(records.get('a')!.status).toBe('resolved');
    expect(suppressed(records).suppressed).toBe(false);
  });

  it('an open newer than the resolve reopens', () => {
    const { records, changes } = play([open('a', 1), resolve('a', 2), open('a', 3)]);
    expect(changes).toEqual(['opened', 'resolved', 'reopened']);
    expect(records.get('a')!.status).toBe('open');
  });

  it('an old resolve does not close a newer open', () => {
    expect(play([open('a', 5), resolve('a', 1)]).records.get('a')!.status).toBe('open');
  });

  it('maps shipment health and tickets to signals', () => {
    const h = (state: ShipmentHealth['state']): ShipmentHealth => ({
      state,
      reason: state,
      healthy: false,
      lastEventAt: null,
      lastEventStatus: null,
      estimatedDeliveryAt: null,
      deliveredAt: null,
    });
    expect(signalsFromShipment('f1', 'o1', h('delayed'), t(1)).map((s) => `${s.key}:${s.action}`)).toEqual([
      'delay:f1:open',
      'exception:f1:resolve',
    ]);
    expect(signalsFromShipment('f1', 'o1', h('delivered'), t(1)).every((s) => s.action === 'resolve')).toBe(true);
    expect(signalsFromTicket('9', 'o1', 'damaged', 'open', t(1))).toMatchObject([{ key: 'ticket:9', kind: 'damaged', action: 'open' }]);
    expect(signalsFromTicket('9', 'o1', 'refund', 'closed', t(1))).toMatchObject([{ key: 'refund:o1', action: 'resolve' }]);
    expect(signalsFromTicket('9', 'o1', 'wismo', 'open', t(1))).toEqual([]);
  });
});

describe('suppression overrides', () => {
  const ov = (mode: 'suppress' | 'release', created: number, expires: number | null): SuppressionOverride => ({
    mode,
    reason: 'agent said so',
    createdAt: t(created),
    expiresAt: expires === null ? null : t(expires),
    actor: 'agent@x',
  });

  it('suppresses without issues while a suppress override is live, then lifts at expiry', () => {
    const none = new Map<string, IssueRecord>();
    expect(suppressed(none, [ov('suppress', 1, 10)], t(9)).suppressed).toBe(true);
    expect(suppressed(none, [ov('suppress', 1, 10)], t(10)).suppressed).toBe(false);
    expect(suppressed(none, [ov('suppress', 1, 10)], t(11)).because).toEqual([]);
  });

  it('a release override hides open issues until it expires', () => {
    const { records } = play([open('a', 1)]);
    const state = suppressed(records, [ov('release', 2, 12)], t(5));
    expect(state.suppressed).toBe(false);
    expect(state.because[0]).toMatch(/released by agent@x/);
    expect(suppressed(records, [ov('release', 2, 12)], t(13)).suppressed).toBe(true);
  });

  it('the newest live override wins', () => {
    const { records } = play([open('a', 1)]);
    expect(suppressed(records, [ov('release', 2, null), ov('suppress', 3, null)], t(5)).suppressed).toBe(true);
    expect(suppressed(records, [ov('suppress', 2, null), ov('release', 3, null)], t(5)).suppressed).toBe(false);
  });

  it('turns state into Klaviyo profile properties', () => {
    const { records } = play([open('a', 1, 'return'), open('b', 2, 'delay')]);
    const p = klaviyoProfileProperties(suppressed(records), { vip: true });
    expect(p).toEqual({
      concord_active_issue: true,
      concord_open_issue_types: ['delay', 'return'],
      concord_open_issue_count: 2,
      concord_issue_opened_at: t(1).toISOString(),
      concord_issue_resolved_at: null,
      concord_vip_active_issue: true,
      concord_has_open_return: true,
      concord_has_open_refund: false,
      concord_suppression_override: null,
    });
  });
});
