import type { ShopifyAdminClient } from './admin-client';

// Webhook subscriptions through the Admin GraphQL API. From 2025-10 a subscription's address is
// `uri` (callbackUrl is deprecated) on WebhookSubscriptionInput and WebhookSubscription (shopify.dev
// admin-graphql 2025-10 WebhookSubscriptionInput). Topics are the enum form of the header topic:
// orders/updated → ORDERS_UPDATED (docs/shopify.md §1.1).

const LIST_WEBHOOK_SUBSCRIPTIONS = /* GraphQL */ `
  query ConcordWebhookSubscriptions($after: String) {
    webhookSubscriptions(first: 100, after: $after) {
      nodes {
        id
        topic
        uri
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const CREATE_WEBHOOK_SUBSCRIPTION = /* GraphQL */ `
  mutation ConcordWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription {
        id
        topic
        uri
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const topicEnum = (topic: string) => topic.toUpperCase().replace(/\//g, '_');

export interface WebhookSubscription {
  id: string;
  topic: string; // enum form
  uri: string;
}

async function listWebhookSubscriptions(client: ShopifyAdminClient): Promise<WebhookSubscription[]> {
  const out: WebhookSubscription[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: { webhookSubscriptions: { nodes: WebhookSubscription[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await client.request(LIST_WEBHOOK_SUBSCRIPTIONS, { after });
    out.push(...data.webhookSubscriptions.nodes);
    if (!data.webhookSubscriptions.pageInfo.hasNextPage) break;
    after = data.webhookSubscriptions.pageInfo.endCursor;
  }
  return out;
}

export interface RegisterResult {
  existing: string[];
  created: string[];
  failed: { topic: string; message: string }[];
}

/** Idempotent: lists what exists for this address and creates only the missing topics. */
export async function registerWebhookSubscriptions(
  client: ShopifyAdminClient,
  uri: string,
  topics: readonly string[],
): Promise<RegisterResult> {
  const have = new Set((await listWebhookSubscriptions(client)).filter((s) => s.uri === uri).map((s) => s.topic));
  const result: RegisterResult = { existing: [], created: [], failed: [] };
  for (const topic of topics) {
    if (have.has(topicEnum(topic))) {
      result.existing.push(topic);
      continue;
    }
    const data = await client.request<{
      webhookSubscriptionCreate: { webhookSubscription: WebhookSubscription | null; userErrors: { message: string }[] };
    }>(CREATE_WEBHOOK_SUBSCRIPTION, {
      topic: topicEnum(topic),
      webhookSubscription: { uri, format: 'JSON' },
    });
    const errors = data.webhookSubscriptionCreate.userErrors;
    if (errors.length > 0 || !data.webhookSubscriptionCreate.webhookSubscription)
      result.failed.push({ topic, message: errors.map((e) => e.message).join('; ') || 'no subscription returned' });
    else result.created.push(topic);
  }
  return result;
}
