import { describe, expect, it } from 'vitest';
import nextConfig from '../../next.config.mjs';

// The headers Next attaches to every answer (next.config.mjs). The browser tests check the same on the
// running server; here each rule is checked against the paths it must (and must not) cover.
type Rule = { source: string; headers: { key: string; value: string }[] };

async function headersFor(pathname: string): Promise<Record<string, string>> {
  const rules = (await nextConfig.headers!()) as Rule[];
  const out: Record<string, string> = {};
  for (const rule of rules) {
    // Next matches `source` with path-to-regexp; these two shapes are all the config uses.
    const matches =
      rule.source === '/widget/:path*'
        ? pathname.startsWith('/widget/')
        : rule.source === '/:path((?!widget/).*)'
          ? !pathname.startsWith('/widget/')
          : false;
    if (!matches) continue;
    for (const h of rule.headers) out[h.key.toLowerCase()] = h.value;
  }
  return out;
}

describe('security headers', () => {
  it('uses only source patterns this test understands', async () => {
    const rules = (await nextConfig.headers!()) as Rule[];
    expect(rules.map((r) => r.source).sort()).toEqual(['/:path((?!widget/).*)', '/widget/:path*']);
  });

  it('forbids framing every page but the widget, admin pages above all', async () => {
    for (const p of ['/', '/admin', '/admin/settings', '/login', '/api/gorgias/actions']) {
      const h = await headersFor(p);
      expect(h['x-frame-options'], p).toBe('DENY');
      expect(h['content-security-policy'], p).toContain("frame-ancestors 'none'");
    }
  });

  it('lets only this app and Gorgias frame the widget page', async () => {
    const h = await headersFor('/widget/123');
    expect(h['content-security-policy']).toMatch(/frame-ancestors 'self' https:\/\/\*\.gorgias\.com/);
    expect(h['x-frame-options']).toBeUndefined();
  });

  it('sends no Referer (widget links carry their token in the URL), no sniffing, and a CSP everywhere', async () => {
    for (const p of ['/', '/widget/1', '/admin/audit']) {
      const h = await headersFor(p);
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['content-security-policy']).toContain("default-src 'self'");
      expect(h['content-security-policy']).toContain("object-src 'none'");
    }
  });
});
