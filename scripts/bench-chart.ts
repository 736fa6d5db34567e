// A bar chart of the benchmark's throughputs as a self-contained SVG (no chart library, no native
// canvas): each pair is an endpoint next to the bare route it is compared with in the same run.

export interface Bar {
  label: string;
  perSecond: number;
  p99Ms: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function throughputChartSvg(bars: Bar[], title: string): string {
  const width = 760;
  const labelWidth = 250;
  const barArea = width - labelWidth - 150;
  const rowHeight = 34;
  const top = 44;
  const height = top + bars.length * rowHeight + 16;
  const max = Math.max(1, ...bars.map((b) => b.perSecond));
  const rows = bars.map((b, i) => {
    const y = top + i * rowHeight;
    const w = Math.max(1, Math.round((b.perSecond / max) * barArea));
    const fill = /bare/i.test(b.label) ? '#94a3b8' : '#2563eb';
    return [
      `<text x="${labelWidth - 10}" y="${y + 20}" text-anchor="end" font-size="13" fill="#0f172a">${escapeXml(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 6}" width="${w}" height="20" rx="3" fill="${fill}"><title>${escapeXml(b.label)}: ${Math.round(b.perSecond)}/s</title></rect>`,
      `<text x="${labelWidth + w + 8}" y="${y + 20}" font-size="12" fill="#334155">${Math.round(b.perSecond).toLocaleString('en-US')}/s · p99 ${Math.round(b.p99Ms)} ms</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="15" font-weight="600" fill="#0f172a">${escapeXml(title)}</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
