// One error for every service: a code from ERROR_CODES and a message that says what to do. It knows
// nothing of HTTP; lib/http/error-status.ts maps each code to its status, and the route wrapper
// answers { error: { code, message } }. Add a code here and its status there (tsc checks both).

export const ERROR_CODES = [
  // 400: the input is wrong; nothing was changed
  'invalid_input', // a zod schema refused the body, query or params
  'invalid_json',
  'invalid_body',
  'too_deep',
  'invalid_id',
  'invalid_shop',
  'invalid_query',
  'missing_query',
  'missing_account',
  'invalid_filters',
  'invalid_settings',
  'invalid_scenario',
  'invalid_week',
  'invalid_item',
  'invalid_ticket_payload',
  'reason_required',
  'reply_not_pairable', // a reply can ride only on a step that pairs with it
  'expiry_in_past',
  'shop_mismatch',
  'missing_topic',
  'missing_event_id',
  'missing_code',
  'code_refused',
  'grant_refused',
  // 401: who is asking is not proven
  'unauthorized',
  'not_signed_in',
  'bad_credentials',
  'invalid_widget_link',
  'invalid_signature',
  'invalid_hmac',
  'stale_callback',
  'invalid_state',
  // 403: known, but not allowed
  'forbidden',
  'csrf',
  'cross_site',
  // 404: no such thing
  'not_found',
  'unknown_ticket',
  'unknown_shop',
  'unknown_draft',
  'unknown_system',
  'unknown_gorgias_account',
  'not_dead',
  // 409: the state does not allow it now
  'action_not_possible',
  'reply_not_grounded',
  'stale_confirmation',
  'override_reason_required',
  'not_sent',
  'no_store',
  'no_customer_email',
  'not_connected',
  'shopify_not_connected',
  'gorgias_not_connected',
  'klaviyo_not_connected',
  'missing_client_id',
  // 413, 429, 500
  'payload_too_large',
  'too_many_attempts',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra answer headers a caller needs to act, e.g. { 'retry-after': '60' }. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}
