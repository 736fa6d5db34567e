import { describe, expect, it } from 'vitest';
import { throughputChartSvg } from '../scripts/bench-chart';

describe('benchmark chart', () => {
  it('draws one bar per measure, proportional to its rate, with escaped labels', () => {
    const svg = throughputChartSvg(
      [
        { label: 'Bare route GET', perSecond: 1500, p99Ms: 60 },
        { label: 'Sidebar <GET> & co', perSecond: 750, p99Ms: 120 },
      ],
      'Throughput, c=50',
    );
    const widths = [...svg.matchAll(/<rect x="250" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1] / widths[0]).toBeCloseTo(0.5, 2);
    expect(svg).toContain('Sidebar &lt;GET&gt; &amp; co');
    expect(svg).toContain('750/s · p99 120 ms');
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
