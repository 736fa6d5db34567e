// Admin GraphQL documents, pinned to the API version in SHOPIFY_API_VERSION (default 2026-10).
// Field names checked against shopify-klaviyo-storage.md §B2/B4; `Order.refunds` as a plain list and
// the `email:` search syntax are marked unconfirmed there [?]: validate against GraphiQL on a dev store.

// Page sizes, declared once: tests/integrations/shopify-query-cost.test.ts prices every query with
// them by Shopify's published rules and fails over the 1,000-point single-query limit. Nested
// connections multiply: 10 fulfillments x 20 events per order x 25 orders was 10,228 points.
export const PAGE = {
  orders: 5, // per request; more come by cursor
  lineItems: 10,
  fulfillments: 5,
  events: 5, // the newest five, newest first: a delay only needs the latest news
  refunds: 5,
  returns: 5,
  returnableFulfillments: 5,
  returnableLineItems: 20,
} as const;

const ORDER_FIELDS = `
  id name email phone createdAt updatedAt processedAt cancelledAt cancelReason closedAt tags note
  displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } }
  shippingAddress { name address1 address2 city province provinceCode zip country countryCodeV2 phone }
  customer { id email phone firstName lastName tags numberOfOrders amountSpent { amount currencyCode } }
  lineItems(first: ${PAGE.lineItems}) { nodes { id name sku quantity originalUnitPriceSet { shopMoney { amount } } product { id } variant { id } } }
  fulfillments(first: ${PAGE.fulfillments}) {
    id name status displayStatus createdAt updatedAt inTransitAt deliveredAt estimatedDeliveryAt
    trackingInfo(first: 1) { company number url }
    events(first: ${PAGE.events}, sortKey: HAPPENED_AT, reverse: true) { nodes { id status happenedAt message estimatedDeliveryAt city province country } }
  }
  refunds(first: ${PAGE.refunds}) { id createdAt note totalRefundedSet { shopMoney { amount currencyCode } } }
  returns(first: ${PAGE.returns}) { nodes { id name status } }
`;

export const CUSTOMER_RECENT_ORDERS = `query CustomerRecentOrders($q: String!, $first: Int!, $after: String) {
  orders(first: $first, after: $after, query: $q, sortKey: PROCESSED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;

export const ORDERS_UPDATED_SINCE = `query OrdersUpdatedSince($q: String!, $first: Int!, $after: String) {
  orders(first: $first, after: $after, query: $q, sortKey: UPDATED_AT) { nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;

export const ORDER_STATE = `query OrderState($id: ID!) {
  order(id: $id) { id cancelledAt tags displayFulfillmentStatus shippingAddress { address1 city zip countryCodeV2 } returns(first: 5) { nodes { id status } } }
}`;

export const RETURNABLE_FULFILLMENTS = `query Returnable($orderId: ID!, $first: Int!, $after: String) {
  returnableFulfillments(orderId: $orderId, first: $first, after: $after) {
    nodes { returnableFulfillmentLineItems(first: ${PAGE.returnableLineItems}) { nodes { quantity fulfillmentLineItem { id } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// orderCancel is asynchronous and irreversible: it returns a job. Argument names follow the
// 2026 docs as summarised in shopify-klaviyo-storage.md §B4 ("partial view": unconfirmed in full).
export const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refund: Boolean!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done } orderCancelUserErrors { field message code }
  }
}`;

// Only the shipping address: every OrderInput field overwrites, so tags must never ride along.
export const ORDER_UPDATE_ADDRESS = `mutation OrderUpdateAddress($input: OrderInput!) {
  orderUpdate(input: $input) { order { id } userErrors { field message } }
}`;

export const RETURN_CREATE = `mutation ReturnCreate($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) { return { id name status } userErrors { field message } }
}`;

export const RETURN_REQUEST = `mutation ReturnRequest($input: ReturnRequestInput!) {
  returnRequest(input: $input) { return { id name status } userErrors { field message } }
}`;

export const TAGS_ADD = `mutation TagsAdd($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { field message } } }`;
export const TAGS_REMOVE = `mutation TagsRemove($id: ID!, $tags: [String!]!) { tagsRemove(id: $id, tags: $tags) { userErrors { field message } } }`;
export const SHOP_NAME = `query ShopName { shop { name myshopifyDomain } }`;

// --- Actions (issue 16/20). Argument and field names checked against shopify.dev Admin GraphQL
// 2026-10 via search on 2026-12-02: ReturnLineItemInput.returnReasonDefinitionId + returnReasonNote,
// ReturnInput.exchangeLineItems [ExchangeLineItemInput {variantId, quantity}], the
// returnReasonDefinitions(handles:) query, DiscountCodeBasicInput.context (customerSelection is
// deprecated), storeCreditAccountCredit(id: <customer id>, creditInput). refundCreate's
// suggestedRefund shape and draftOrderComplete's arguments are from memory of the docs [?: unconfirmed].

export const ORDER_LIVE_STATE = `query OrderLiveState($id: ID!) {
  order(id: $id) {
    id cancelledAt displayFulfillmentStatus tags
    refunds(first: 20) { id note }
    returns(first: 10) { nodes { id status } }
  }
}`;

export const RETURN_REASON_DEFINITIONS = `query ReturnReasonDefinitions($handles: [String!]) {
  returnReasonDefinitions(first: 20, handles: $handles) { nodes { id handle name deleted } }
}`;

export const RETURNABLE_WITH_LINE_ITEMS = `query ReturnableWithLineItems($orderId: ID!) {
  returnableFulfillments(orderId: $orderId, first: 10) {
    nodes { returnableFulfillmentLineItems(first: 50) { nodes { quantity fulfillmentLineItem { id lineItem { id } } } } }
  }
}`;

export const LINE_ITEM_VARIANTS = `query LineItemVariants($id: ID!) {
  order(id: $id) {
    lineItems(first: 50) { nodes { id variant { id selectedOptions { name value } product { variants(first: 100) { nodes { id title availableForSale selectedOptions { name value } } } } } } }
  }
}`;

export const RETURN_CREATE_EXCHANGE = `mutation ReturnCreateExchange($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) { return { id name status exchangeLineItems(first: 10) { nodes { id } } } userErrors { field message } }
}`;

export const SUGGESTED_REFUND = `query SuggestedRefund($id: ID!, $refundLineItems: [RefundLineItemInput!], $full: Boolean) {
  order(id: $id) {
    suggestedRefund(refundLineItems: $refundLineItems, suggestFullRefund: $full, refundShipping: $full) {
      amountSet { shopMoney { amount currencyCode } }
      suggestedTransactions { gateway amountSet { shopMoney { amount } } parentTransaction { id } }
    }
  }
}`;

export const REFUND_CREATE = `mutation RefundCreate($input: RefundInput!) {
  refundCreate(input: $input) { refund { id totalRefundedSet { shopMoney { amount currencyCode } } } userErrors { field message } }
}`;

export const DRAFT_ORDER_CREATE = `mutation DraftOrderCreate($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) { draftOrder { id name } userErrors { field message } }
}`;

export const DRAFT_ORDER_COMPLETE = `mutation DraftOrderComplete($id: ID!) {
  draftOrderComplete(id: $id) { draftOrder { id order { id name } } userErrors { field message } }
}`;

export const DRAFT_ORDERS_BY_TAG = `query DraftOrdersByTag($q: String!) {
  draftOrders(first: 5, query: $q) { nodes { id name status order { id name } } }
}`;

export const STORE_CREDIT_ACCOUNT_CREDIT = `mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
  storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
    storeCreditAccountTransaction { amount { amount currencyCode } account { id balance { amount currencyCode } } }
    userErrors { field message code }
  }
}`;

export const DISCOUNT_CODE_BASIC_CREATE = `mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) { codeDiscountNode { id } userErrors { field message code } }
}`;
