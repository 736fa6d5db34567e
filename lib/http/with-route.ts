import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { getConfig, type Config } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { authenticateWidgetCaller, type WidgetCaller } from '@/lib/auth/authenticate-widget-caller';
import { requireCronSecret } from '@/lib/auth/require-cron-secret';
import { requireRole } from '@/lib/auth/require-role';
import type { Session } from '@/lib/auth/session';
import { isSameOriginPost } from '@/lib/auth/sign-in';
import { checkWidgetGrant } from '@/lib/auth/widget-grant';
import type { WidgetGrant } from '@/lib/auth/widget-link';
import { requireGorgiasBearer } from '@/lib/ingest/receive-gorgias-event';
import { verifyOAuthQuery } from '@/lib/integrations/shopify/oauth';
import { verifyShopifyHmac } from '@/lib/integrations/shopify/verify-webhook';
import { MAX_WEBHOOK_BYTES, readJsonBody, readRawBody } from './read-body';
import { errorResponse } from './responses';

// One wrapper for every app/api/**/route.ts (dub's withWorkspace is the model): it proves who is
// calling, reads and validates the body and query once, hands the handler the caller, the database,
// the config and the clock, and turns what the handler throws into { error: { code, message } }.

/** Who may call. Each kind reuses the check in lib/auth (or the vendor's verifier) unchanged. */
export type RouteAuth =
  | 'admin' // signed-in admin; CSRF token on mutations (lib/auth/require-role.ts)
  | 'lead' // signed-in lead or admin; CSRF token on mutations
  | 'cron' // Authorization: Bearer CRON_SECRET
  | 'gorgias-bearer' // Authorization: Bearer GORGIAS_INTEGRATION_SECRET
  | 'gorgias-or-widget' // that Bearer secret or a widget link, for the body's ticket_id (read before auth)
  | 'widget' // x-widget-token: a signed, unrevoked link bound to the [ticket] segment
  | 'shopify-hmac' // X-Shopify-Hmac-Sha256 over the raw body (read before auth)
  | 'admin-or-shopify-link' // an admin, or a query Shopify signed (the app's install link)
  | 'public';

interface CallerByAuth {
  admin: Session;
  lead: Session;
  cron: null;
  'gorgias-bearer': null;
  'gorgias-or-widget': WidgetCaller;
  widget: WidgetGrant;
  'shopify-hmac': null;
  'admin-or-shopify-link': Session | null;
  public: null;
}

/** A zod schema, 'json' (parsed, unchecked), 'raw' (the bytes, for signatures) or nothing. */
type BodySpec = z.ZodType | 'json' | 'raw' | undefined;
type BodyOf<B> = B extends z.ZodType ? z.output<B> : B extends 'raw' ? Buffer : B extends 'json' ? unknown : undefined;
type QueryOf<Q> = Q extends z.ZodType ? z.output<Q> : URLSearchParams;

export interface RouteOptions<A extends RouteAuth, B extends BodySpec, Q extends z.ZodType | undefined> {
  auth: A;
  body?: B;
  query?: Q;
  /** The most a body may hold (413 beyond): 64 KB unless said, 2 MB for 'raw'. */
  maxBodyBytes?: number;
  /** Drop NUL characters from a JSON body instead of refusing it (Gorgias counts failures). */
  stripNul?: boolean;
  /** 'same-origin': a cookie-setting POST must come from a page of this app (login CSRF). */
  csrf?: 'same-origin';
}

export interface RouteContext<A extends RouteAuth, B extends BodySpec, Q extends z.ZodType | undefined> {
  req: Request;
  caller: CallerByAuth[A];
  body: BodyOf<B>;
  query: QueryOf<Q>;
  params: Record<string, string>;
  db: Db;
  config: Config;
  now: Date;
}

type Params = { params: Promise<Record<string, string>> };
export type RouteHandler = (req: Request, ctx?: Params) => Promise<Response>;

const DEFAULT_MAX_BODY = 64 * 1024;

/** The ticket fields a Gorgias button or the widget page sends with every action. */
interface TicketCallerBody {
  ticket_id: string;
  account?: string | null;
  agent_email?: string | null;
}

export function withRoute<A extends RouteAuth, B extends BodySpec = undefined, Q extends z.ZodType | undefined = undefined>(
  options: RouteOptions<A, B, Q>,
  handler: (ctx: RouteContext<A, B, Q>) => Promise<Response | object>,
): RouteHandler {
  return async (req, routeCtx) => {
    try {
      const now = new Date();
      const config = getConfig();
      const params = (await routeCtx?.params) ?? {};
      if (options.csrf === 'same-origin' && !isSameOriginPost(req.headers, req.url, config.appUrl)) {
        throw new AppError('cross_site', 'Sign in from Concord’s own login page.');
      }
      const bodyFirst = options.auth === 'gorgias-or-widget' || options.auth === 'shopify-hmac';
      let caller = bodyFirst ? null : await authenticate(options.auth, req, params, config, now);
      const body = await readBody(req, options);
      if (options.auth === 'gorgias-or-widget') {
        const b = body as TicketCallerBody;
        caller = await authenticateWidgetCaller(
          await getDb(),
          req.headers,
          { ticketId: b.ticket_id, account: b.account ?? null, agentEmail: b.agent_email ?? null },
          now,
        );
      }
      if (
        options.auth === 'shopify-hmac' &&
        !verifyShopifyHmac(body as Buffer, req.headers.get('x-shopify-hmac-sha256'), config.secrets.shopifyWebhook)
      ) {
        throw new AppError(
          'invalid_signature',
          'X-Shopify-Hmac-Sha256 is missing or does not match the body. Check that SHOPIFY_API_SECRET is the app’s client secret.',
        );
      }
      const search = new URL(req.url).searchParams;
      const query = options.query ? options.query.parse(Object.fromEntries(search)) : search;
      const db = await getDb();
      const ctx = { req, caller, body, query, params, db, config, now } as RouteContext<A, B, Q>;
      const result = await handler(ctx);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

async function authenticate(
  auth: RouteAuth,
  req: Request,
  params: Record<string, string>,
  config: Config,
  now: Date,
): Promise<CallerByAuth[RouteAuth]> {
  switch (auth) {
    case 'admin':
    case 'lead':
      return requireRole(req, auth);
    case 'cron':
      requireCronSecret(req.headers);
      return null;
    case 'gorgias-bearer':
      requireGorgiasBearer(req.headers, config.secrets.gorgiasIntegration);
      return null;
    case 'widget': {
      const ticket = params.ticket ?? '';
      const result = await checkWidgetGrant(await getDb(), req.headers.get('x-widget-token'), ticket, config.secrets.session, now);
      if (!result.ok) throw new AppError('invalid_widget_link', result.reason);
      return result.grant;
    }
    case 'admin-or-shopify-link': {
      const search = new URL(req.url).searchParams;
      if (search.has('hmac') && verifyOAuthQuery(search, config.secrets.shopifyWebhook, now).ok) return null;
      return requireRole(req, 'admin');
    }
    default:
      return null;
  }
}

async function readBody(req: Request, options: { body?: BodySpec; maxBodyBytes?: number; stripNul?: boolean }): Promise<unknown> {
  const spec = options.body;
  if (spec === undefined) return undefined;
  if (spec === 'raw') return readRawBody(req, options.maxBodyBytes ?? MAX_WEBHOOK_BYTES);
  const json = await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY, { stripNul: options.stripNul });
  return spec === 'json' ? json : spec.parse(json);
}
