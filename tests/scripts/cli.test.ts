import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(script: string, lines: string[]): unknown[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'in.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  const out = execFileSync(TSX, ['--conditions=react-server', path.join(ROOT, 'scripts', script), '--input', file], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const order = (o: Record<string, unknown> = {}) => ({
  id: 5940139490001,
  name: '#1001',
  email: 'sam@example.com',
  created_at: '2026-10-20T10:00:00Z',
  updated_at: '2026-10-30T10:00:00Z',
  financial_status: 'paid',
  fulfillment_status: 'fulfilled',
  currency: 'USD',
  total_price: '120.00',
  tags: '',
  line_items: [{ id: 1, title: 'Trail Jacket', sku: 'TJ-M', quantity: 1, price: '120.00' }],
  fulfillments: [
    {
      id: 77,
      order_id: 5940139490001,
      status: 'success',
      shipment_status: 'delivered',
      created_at: '2026-10-22T10:00:00Z',
      updated_at: '2026-10-29T10:00:00Z',
    },
  ],
  refunds: [],
  ...o,
});

describe('npm run -s policy', () => {
  it('answers one verdict per scenario, in order, and keeps order on a bad line', () => {
    const delivered = (d: string) => [{ id: 1, fulfillment_id: 77, order_id: 5940139490001, status: 'delivered', happened_at: d }];
    const out = run('policy.ts', [
      JSON.stringify({
        now: '2026-11-24T12:00:00Z',
        intent: 'return_exchange',
        message: 'send it back',
        order: order(),
        events: delivered('2026-11-12T10:00:00Z'),
        customer: { vip: false, refunds_last_90_days: 0 },
      }),
      '{"not": "a scenario"}',
      JSON.stringify({
        now: '2026-11-24T12:00:00Z',
        intent: 'return_exchange',
        message: 'send it back',
        order: order(),
        events: delivered('2026-10-20T10:00:00Z'),
        customer: { vip: false, refunds_last_90_days: 0 },
      }),
      JSON.stringify({
        now: '2026-11-24T12:00:00Z',
        intent: 'return_exchange',
        message: 'send it back',
        order: order(),
        events: delivered('2026-11-12T10:00:00Z'),
        customer: { vip: false, refunds_last_90_days: 0 },
        settings: { returns: { windowDays: 7 } },
      }),
    ]);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({
      decision: 'automate',
      next_step: 'create_return',
      explanation: expect.stringMatching(/delivered 12 days ago/),
    });
    expect(Object.keys(out[0] as object).sort()).toEqual(['decision', 'explanation', 'next_step', 'reasons']);
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({ decision: 'human_review', next_step: 'assign_human_review' });
    expect(out[3]).toMatchObject({ decision: 'human_review' }); // the scenario's 7-day window
  });
});

describe('npm run -s classify', () => {
  it('answers one classification per line with rules only when no model is configured', () => {
    const out = run('classify.ts', [
      JSON.stringify({ text: 'Where is my order #1043??' }),
      'nope',
      JSON.stringify({ text: 'Please cancel my order' }),
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ intent: 'wismo', decided_by: 'rules' });
    expect((out[0] as { confidence: number }).confidence).toBeGreaterThan(0.6);
    expect(Object.keys(out[0] as object).sort()).toEqual(['confidence', 'decided_by', 'intent', 'reasons']);
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({ intent: 'cancel' });
  });
});
