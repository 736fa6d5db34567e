import 'server-only';
import { z } from 'zod';
import type { Config } from '@/lib/runtime/config';
import { ExternalApiError, requestJson } from '@/lib/integrations/http';

// A small fetch client for the Klaviyo REST API (JSON:API). Concord only sets profile properties
// and sends events: it never calls the unsubscribe or suppression endpoints, because those change
// consent or block all marketing email (docs: shopify-klaviyo-storage.md §C6).

export interface KlaviyoClientOptions {
  apiKey: string;
  baseUrl: string;
  revision: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

const profileIdSchema = z.looseObject({ data: z.looseObject({ id: z.string() }) });
const profileListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), attributes: z.looseObject({ properties: z.record(z.string(), z.unknown()).nullish() }) })),
});
const pageSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), attributes: z.looseObject({ name: z.string().nullish(), status: z.string().nullish() }) })),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});
// Follow links.next to the end (20 pages stopped at 200 segments); the cap only guards against a loop.
const MAX_PAGES = 1000;

// Klaviyo's JSON:API error document (OpenAPI "ErrorSource"/"APIJobError" shape): a 409 from
// profile-import names the profile that already holds one of the identifiers in meta.duplicate_profile_id.
const errorDocSchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      status: z.union([z.number(), z.string()]).nullish(),
      code: z.string().nullish(),
      meta: z.looseObject({ duplicate_profile_id: z.string().nullish() }).nullish(),
    }),
  ),
});

function duplicateProfileId(body: string | null): string | null {
  if (!body) return null;
  try {
    const parsed = errorDocSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return null;
    return parsed.data.errors.find((e) => e.code === 'duplicate_profile')?.meta?.duplicate_profile_id ?? null;
  } catch {
    return null;
  }
}

export class KlaviyoClient {
  private readonly root: string;
  constructor(private readonly options: KlaviyoClientOptions) {
    this.root = options.baseUrl.replace(/\/+$/, '');
  }

  /** Create or update by email (201 created / 200 updated); returns the Klaviyo profile id. */
  async upsertProfile(input: { email: string; externalId?: string; properties: Record<string, unknown> }): Promise<{ id: string }> {
    let res;
    try {
      res = await this.call('POST', '/api/profile-import', {
        data: {
          type: 'profile',
          attributes: { email: input.email, ...(input.externalId ? { external_id: input.externalId } : {}), properties: input.properties },
        },
      });
    } catch (err) {
      // A customer's second email with the same external_id: Klaviyo answers 409 duplicate_profile
      // and names the profile that has it. Merge the properties onto that profile instead of failing.
      const existing = err instanceof ExternalApiError && err.status === 409 ? duplicateProfileId(err.responseBody) : null;
      if (!existing) throw err;
      return this.updateProfileProperties(existing, input.properties);
    }
    const parsed = profileIdSchema.safeParse(res.json);
    if (!parsed.success) throw new ExternalApiError('klaviyo', res.status, 'klaviyo: profile-import answered without a profile id', false);
    return { id: parsed.data.data.id };
  }

  /** PATCH /api/profiles/{id}: sets these properties, leaves the others as they are. */
  async updateProfileProperties(id: string, properties: Record<string, unknown>): Promise<{ id: string }> {
    await this.call('PATCH', `/api/profiles/${encodeURIComponent(id)}`, { data: { type: 'profile', id, attributes: { properties } } });
    return { id };
  }

  /**
   * unique_id makes a replay a no-op: Klaviyo records only the first event per profile, metric and id.
   * Klaviyo's Create Event schema (EventCreateQueryV2: "The time must be after the year 2000 and can
   * only be up to 1 year in the future") refuses other times with a 400, which would dead-letter the
   * event: a time outside that window is left out, and Klaviyo records the time it receives the event.
   */
  async createEvent(input: {
    metric: string;
    email: string;
    properties: Record<string, unknown>;
    uniqueId: string;
    time: string;
  }): Promise<void> {
    const time = eventTimeInWindow(input.time, new Date()) ? input.time : undefined;
    await this.call('POST', '/api/events', {
      data: {
        type: 'event',
        attributes: {
          metric: { data: { type: 'metric', attributes: { name: input.metric } } },
          profile: { data: { type: 'profile', attributes: { email: input.email } } },
          properties: input.properties,
          unique_id: input.uniqueId,
          ...(time ? { time } : {}),
        },
      },
    });
  }

  async getProfileByEmail(email: string): Promise<{ id: string; properties: Record<string, unknown> } | null> {
    // Klaviyo's filter syntax quotes strings with double quotes; escape any inside the value.
    const filter = `equals(email,"${email.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`;
    const res = await this.call('GET', `/api/profiles?filter=${encodeURIComponent(filter)}`);
    const parsed = profileListSchema.safeParse(res.json);
    if (!parsed.success) throw new ExternalApiError('klaviyo', res.status, 'klaviyo: unexpected answer from GET /api/profiles', false);
    const p = parsed.data.data[0];
    return p ? { id: p.id, properties: (p.attributes.properties ?? {}) as Record<string, unknown> } : null;
  }

  async listSegments(): Promise<{ id: string; name: string }[]> {
    return (await this.pages('/api/segments')).map((d) => ({ id: d.id, name: d.attributes.name ?? '' }));
  }

  async listFlows(): Promise<{ id: string; name: string; status: string }[]> {
    return (await this.pages('/api/flows')).map((d) => ({ id: d.id, name: d.attributes.name ?? '', status: d.attributes.status ?? '' }));
  }

  private async pages(path: string) {
    const out: z.infer<typeof pageSchema>['data'] = [];
    let url: string | null = `${this.root}${path}`;
    const seen = new Set<string>();
    for (let i = 0; url && !seen.has(url) && i < MAX_PAGES; i++) {
      seen.add(url);
      const res = await this.call('GET', url);
      const parsed = pageSchema.safeParse(res.json);
      if (!parsed.success) throw new ExternalApiError('klaviyo', res.status, `klaviyo: unexpected answer from GET ${path}`, false);
      out.push(...parsed.data.data);
      url = parsed.data.links?.next ?? null;
    }
    return out;
  }

  private call(method: 'GET' | 'POST' | 'PATCH', pathOrUrl: string, body?: unknown) {
    return requestJson({
      system: 'klaviyo',
      url: pathOrUrl.startsWith('http') ? pathOrUrl : `${this.root}${pathOrUrl}`,
      method,
      headers: {
        authorization: `Klaviyo-API-Key ${this.options.apiKey}`,
        revision: this.options.revision,
        accept: 'application/vnd.api+json',
        ...(body !== undefined ? { 'content-type': 'application/vnd.api+json' } : {}),
      },
      body,
      timeoutMs: this.options.timeoutMs,
      fetchImpl: this.options.fetchImpl,
    });
  }
}

/** Whether Klaviyo accepts this as an event time: after 2000-01-01 and at most a year after `now`. */
function eventTimeInWindow(time: string, now: Date): boolean {
  const t = Date.parse(time);
  return Number.isFinite(t) && t >= Date.UTC(2000, 0, 1) && t <= now.getTime() + 365 * 86_400_000;
}

export function klaviyoClientFromConfig(config: Config): KlaviyoClient | null {
  if (!config.env.KLAVIYO_API_KEY) return null;
  return new KlaviyoClient({
    apiKey: config.env.KLAVIYO_API_KEY,
    baseUrl: config.env.KLAVIYO_BASE_URL,
    revision: config.env.KLAVIYO_REVISION,
  });
}
