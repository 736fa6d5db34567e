import type { Config } from '@/lib/runtime/config';

/**
 * Calls Concord's own widget endpoint at APP_URL exactly as Gorgias would (same URL, same Bearer
 * secret, the read-only GET) and says what happened, so an admin can tell a wrong APP_URL from a wrong secret.
 */
export async function testGorgiasEndpoint(config: Config): Promise<{ ok: boolean; status: number; ms: number; msg: string }> {
  const url = `${config.appUrl}/api/gorgias/widget?email=${encodeURIComponent('test-request@concord.invalid')}`;
  const started = Date.now();
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${config.secrets.gorgiasIntegration}` },
      signal: AbortSignal.timeout(5_000),
    });
    const ms = Date.now() - started;
    const json = await res.json().catch(() => null);
    const ok = res.ok && json !== null;
    return {
      ok,
      status: res.status,
      ms,
      msg: ok
        ? `OK: ${url.split('?')[0]} answered ${res.status} with sidebar JSON in ${ms} ms.`
        : `The endpoint answered ${res.status}${json?.error?.message ? `: ${json.error.message}` : ''}. Check APP_URL and the secret.`,
    };
  } catch (err) {
    return {
      ok: false,
      status: 0,
      ms: Date.now() - started,
      msg: `Could not reach ${config.appUrl}: ${(err as Error).message}. Is APP_URL the address Gorgias can reach?`,
    };
  }
}
