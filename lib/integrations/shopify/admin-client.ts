import 'server-only';
import type { Config } from '@/lib/runtime/config';
import type { Address } from '@/lib/domain/types';
import { ExternalApiError, requestJson } from '@/lib/integrations/http';
import { mapAdminOrder, type AdminOrder } from './admin-mappers';
import * as Q from './admin-queries';
import { shopifyShopBaseUrl } from './oauth';

// The Shopify Admin GraphQL client: pinned version, X-Shopify-Access-Token, and the cost-based
// throttle (extensions.cost.throttleStatus) read on every answer. THROTTLED answers (HTTP 200 or
// 429) are retried after the bucket has refilled enough; the official admin-api-client doesn't
// retry a 200-THROTTLED, so this does it itself.

export interface ShopifyAdminClientOptions {
  shopDomain: string;
  accessToken: string;
  apiVersion: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  maxThrottleRetries?: number;
  /** Per-shop connections: asked for the token before every call (so a disconnect stops calls at
   * once), and once more with `rejected` after a 401, so an expired token is refreshed and the call
   * retried. Without it, `accessToken` is used as is. */
  getAccessToken?: (o: { rejected?: string }) => Promise<string>;
}

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; cost?: number; maxCost?: number } }[];
  extensions?: { cost?: { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

export interface UserError {
  field: string[] | null;
  message: string;
}
export interface MutationResult {
  ok: boolean;
  userErrors: UserError[];
  [k: string]: unknown;
}

const MAX_WAIT_MS = 20_000;

/**
 * Shopify refused the query before running it: its requested cost is over the single-query limit
 * (errors[].extensions.code MAX_COST_EXCEEDED). Not transient, but not permanent either: the same
 * data fits in smaller pages, which the paged methods below retry with.
 */
class ShopifyQueryCostError extends ExternalApiError {
  constructor(
    message: string,
    readonly cost: number | null,
    readonly maxCost: number | null,
  ) {
    super('shopify', 200, message, false);
  }
}

/** Runs `read` with page size `first`, halving it on a cost error down to 1. */
async function withShrinkingPage<T>(first: number, read: (first: number) => Promise<T>): Promise<T> {
  for (let size = first; ; size = Math.max(1, Math.floor(size / 2))) {
    try {
      return await read(size);
    } catch (err) {
      if (!(err instanceof ShopifyQueryCostError) || size === 1) throw err;
    }
  }
}
/** Expected cost of our biggest query (nested connections multiply). */
const EXPECTED_COST = 250;

export class ShopifyAdminClient {
  private readonly url: string;
  private throttle: ThrottleStatus | null = null;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: ShopifyAdminClientOptions) {
    const base = shopifyShopBaseUrl(o.shopDomain, o.baseUrl).replace(/\/+$/, '');
    this.url = `${base}/admin/api/${o.apiVersion}/graphql.json`;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get lastThrottleStatus(): ThrottleStatus | null {
    return this.throttle;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const maxRetries = this.o.maxThrottleRetries ?? 3;
    let token = this.o.getAccessToken ? await this.o.getAccessToken({}) : this.o.accessToken;
    let retriedUnauthorized = false;
    for (let attempt = 0; ; attempt++) {
      // Wait for the bucket before sending a query it can't afford.
      if (this.throttle && this.throttle.currentlyAvailable < EXPECTED_COST && this.throttle.restoreRate > 0) {
        await this.sleep(Math.min(MAX_WAIT_MS, ((EXPECTED_COST - this.throttle.currentlyAvailable) / this.throttle.restoreRate) * 1000));
      }
      let answer: GraphQLAnswer<T>;
      try {
        const res = await requestJson<GraphQLAnswer<T>>({
          system: 'shopify',
          url: this.url,
          method: 'POST',
          headers: { 'x-shopify-access-token': token },
          body: { query, variables },
          timeoutMs: this.o.timeoutMs,
          fetchImpl: this.o.fetchImpl,
        });
        answer = res.json;
      } catch (err) {
        // An expired or rotated token: get a fresh one once and retry (shopify.dev: refresh "when you
        // receive a 401 response", changelog 2025-12-10).
        if (err instanceof ExternalApiError && err.status === 401 && this.o.getAccessToken && !retriedUnauthorized) {
          retriedUnauthorized = true;
          token = await this.o.getAccessToken({ rejected: token });
          attempt--;
          continue;
        }
        if (err instanceof ExternalApiError && err.status === 429 && attempt < maxRetries) {
          await this.sleep(Math.min(MAX_WAIT_MS, err.retryAfterMs ?? 1000 * 2 ** attempt));
          continue;
        }
        throw err;
      }
      const status = answer.extensions?.cost?.throttleStatus;
      if (status) this.throttle = status;
      const throttled = answer.errors?.some((e) => e.extensions?.code === 'THROTTLED');
      if (throttled) {
        const need = answer.extensions?.cost?.requestedQueryCost ?? EXPECTED_COST;
        const wait =
          status && status.restoreRate > 0
            ? Math.max(0, ((need - status.currentlyAvailable) / status.restoreRate) * 1000)
            : 1000 * 2 ** attempt;
        if (attempt < maxRetries) {
          await this.sleep(Math.min(MAX_WAIT_MS, Math.ceil(wait)));
          continue;
        }
        throw new ExternalApiError('shopify', 200, 'shopify: THROTTLED after retries', true, Math.ceil(wait));
      }
      const tooCostly = answer.errors?.find((e) => e.extensions?.code === 'MAX_COST_EXCEEDED');
      if (tooCostly)
        throw new ShopifyQueryCostError(
          `shopify: ${tooCostly.message}`,
          tooCostly.extensions?.cost ?? null,
          tooCostly.extensions?.maxCost ?? null,
        );
      if (answer.errors?.length) {
        throw new ExternalApiError('shopify', 200, `shopify: ${answer.errors.map((e) => e.message).join('; ')}`, false);
      }
      if (!answer.data) throw new ExternalApiError('shopify', 200, 'shopify: answer without data', true);
      return answer.data;
    }
  }

  async shopName(): Promise<string> {
    const data = await this.request<{ shop: { name: string } }>(Q.SHOP_NAME);
    return data.shop.name;
  }

  /** A customer's latest orders. Search syntax per community code: email:"..." [?: unconfirmed in docs; searched
   * again 2026-12-01: shopify.dev's search-syntax page gives the grammar, not the orders filter list]. */
  async customerRecentOrders(email: string, first = 10): Promise<AdminOrder[]> {
    const q = `email:"${email.replace(/["\\]/g, '')}"`;
    // Pages of at most Q.PAGE.orders (a page of 10 would cost over 1,000 points), until `first` are read.
    const orders: AdminOrder[] = [];
    let after: string | null = null;
    while (orders.length < first) {
      const want = Math.min(Q.PAGE.orders, first - orders.length);
      const page: OrdersPage = await withShrinkingPage(want, (size) =>
        this.request<OrdersPage>(Q.CUSTOMER_RECENT_ORDERS, { q, first: size, after }),
      );
      orders.push(...page.orders.nodes.map((n) => mapAdminOrder(n, this.o.shopDomain)));
      if (!page.orders.pageInfo?.hasNextPage || !page.orders.pageInfo.endCursor) break;
      after = page.orders.pageInfo.endCursor;
    }
    return orders;
  }

  async ordersUpdatedSince(since: Date, cursor?: string): Promise<{ orders: AdminOrder[]; nextCursor: string | null }> {
    const data = await withShrinkingPage(Q.PAGE.orders, (first) =>
      this.request<OrdersPage>(Q.ORDERS_UPDATED_SINCE, { q: `updated_at:>'${since.toISOString()}'`, first, after: cursor ?? null }),
    );
    return {
      orders: data.orders.nodes.map((n) => mapAdminOrder(n, this.o.shopDomain)),
      nextCursor: data.orders.pageInfo?.hasNextPage ? data.orders.pageInfo.endCursor : null,
    };
  }

  /** Current state, checked before repeating a mutation whose first answer was lost. */
  async orderState(orderId: string): Promise<{
    cancelledAt: string | null;
    tags: string[];
    displayFulfillmentStatus: string | null;
    returns: { id: string; status: string }[];
  } | null> {
    const data = await this.request<{
      order: {
        cancelledAt: string | null;
        tags: string[];
        displayFulfillmentStatus: string | null;
        returns: { nodes: { id: string; status: string }[] };
      } | null;
    }>(Q.ORDER_STATE, {
      id: orderGid(orderId),
    });
    if (!data.order) return null;
    return {
      cancelledAt: data.order.cancelledAt,
      tags: data.order.tags,
      displayFulfillmentStatus: data.order.displayFulfillmentStatus,
      returns: data.order.returns.nodes,
    };
  }

  async cancelOrder(input: {
    orderId: string;
    reason: string;
    refund: boolean;
    restock: boolean;
    notifyCustomer: boolean;
    staffNote: string | null;
  }): Promise<MutationResult> {
    const data = await this.request<{ orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: UserError[] } }>(
      Q.ORDER_CANCEL,
      {
        orderId: orderGid(input.orderId),
        reason: input.reason.toUpperCase(),
        refund: input.refund,
        restock: input.restock,
        notifyCustomer: input.notifyCustomer,
        staffNote: input.staffNote,
      },
    );
    const errors = data.orderCancel.orderCancelUserErrors ?? [];
    return { ok: errors.length === 0, userErrors: errors, job: data.orderCancel.job };
  }

  async updateShippingAddress(orderId: string, address: Partial<Address>): Promise<MutationResult> {
    const shippingAddress = {
      address1: address.address1 ?? undefined,
      address2: address.address2 ?? undefined,
      city: address.city ?? undefined,
      provinceCode: address.provinceCode ?? undefined,
      zip: address.zip ?? undefined,
      countryCode: address.countryCode ?? undefined,
      phone: address.phone ?? undefined,
      ...(address.name ? splitName(address.name) : {}),
    };
    const data = await this.request<{ orderUpdate: { userErrors: UserError[] } }>(Q.ORDER_UPDATE_ADDRESS, {
      input: { id: orderGid(orderId), shippingAddress },
    });
    return { ok: data.orderUpdate.userErrors.length === 0, userErrors: data.orderUpdate.userErrors };
  }

  async returnableFulfillments(orderId: string): Promise<{ fulfillmentLineItemId: string; quantity: number }[]> {
    type Page = {
      returnableFulfillments: {
        nodes: { returnableFulfillmentLineItems: { nodes: { quantity: number; fulfillmentLineItem: { id: string } }[] } }[];
        pageInfo?: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const items: { fulfillmentLineItemId: string; quantity: number }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const data: Page = await withShrinkingPage(Q.PAGE.returnableFulfillments, (first) =>
        this.request<Page>(Q.RETURNABLE_FULFILLMENTS, { orderId: orderGid(orderId), first, after }),
      );
      items.push(
        ...data.returnableFulfillments.nodes.flatMap((n) =>
          n.returnableFulfillmentLineItems.nodes.map((li) => ({ fulfillmentLineItemId: li.fulfillmentLineItem.id, quantity: li.quantity })),
        ),
      );
      const info = data.returnableFulfillments.pageInfo;
      if (!info?.hasNextPage || !info.endCursor) break;
      after = info.endCursor;
    }
    return items;
  }

  async createReturn(input: {
    orderId: string;
    lineItems: { fulfillmentLineItemId: string; quantity: number }[];
    reason: string;
    note: string;
    requestOnly?: boolean;
  }): Promise<MutationResult> {
    const items = input.lineItems.map((li) => ({
      fulfillmentLineItemId: li.fulfillmentLineItemId,
      quantity: li.quantity,
      returnReason: input.reason.toUpperCase(),
      ...(input.requestOnly ? { customerNote: input.note } : { returnReasonNote: input.note }),
    }));
    if (input.requestOnly) {
      const data = await this.request<{ returnRequest: { return: unknown; userErrors: UserError[] } }>(Q.RETURN_REQUEST, {
        input: { orderId: orderGid(input.orderId), returnLineItems: items },
      });
      return {
        ok: data.returnRequest.userErrors.length === 0,
        userErrors: data.returnRequest.userErrors,
        return: data.returnRequest.return,
      };
    }
    const data = await this.request<{ returnCreate: { return: unknown; userErrors: UserError[] } }>(Q.RETURN_CREATE, {
      returnInput: { orderId: orderGid(input.orderId), returnLineItems: items },
    });
    return { ok: data.returnCreate.userErrors.length === 0, userErrors: data.returnCreate.userErrors, return: data.returnCreate.return };
  }

  /** tagsAdd only adds: orderUpdate(tags) would replace every tag the merchant set. */
  async addTags(orderId: string, tags: string[]): Promise<MutationResult> {
    const data = await this.request<{ tagsAdd: { userErrors: UserError[] } }>(Q.TAGS_ADD, { id: orderGid(orderId), tags });
    return { ok: data.tagsAdd.userErrors.length === 0, userErrors: data.tagsAdd.userErrors };
  }

  async removeTags(orderId: string, tags: string[]): Promise<MutationResult> {
    const data = await this.request<{ tagsRemove: { userErrors: UserError[] } }>(Q.TAGS_REMOVE, { id: orderGid(orderId), tags });
    return { ok: data.tagsRemove.userErrors.length === 0, userErrors: data.tagsRemove.userErrors };
  }
}

type OrdersPage = { orders: { nodes: unknown[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } } };

export const orderGid = (id: string) => (id.startsWith('gid://') ? id : `gid://shopify/Order/${id}`);

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts.slice(0, -1).join(' ') || parts[0], lastName: parts.length > 1 ? parts[parts.length - 1] : '' };
}

export function shopifyAdminClientFromConfig(config: Config): ShopifyAdminClient | null {
  const { SHOPIFY_SHOP_DOMAIN, SHOPIFY_ADMIN_ACCESS_TOKEN, SHOPIFY_API_VERSION, SHOPIFY_ADMIN_BASE_URL } = config.env;
  if (!SHOPIFY_SHOP_DOMAIN || !SHOPIFY_ADMIN_ACCESS_TOKEN) return null;
  return new ShopifyAdminClient({
    shopDomain: SHOPIFY_SHOP_DOMAIN,
    accessToken: SHOPIFY_ADMIN_ACCESS_TOKEN,
    apiVersion: SHOPIFY_API_VERSION,
    baseUrl: SHOPIFY_ADMIN_BASE_URL,
  });
}
