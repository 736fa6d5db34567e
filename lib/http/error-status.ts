import type { ErrorCode } from '@/lib/errors/app-error';

/** The one map from an AppError code to its HTTP status; tsc refuses a code without a status. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  // 400
  invalid_input: 400,
  invalid_json: 400,
  invalid_body: 400,
  too_deep: 400,
  invalid_id: 400,
  invalid_shop: 400,
  invalid_query: 400,
  missing_query: 400,
  missing_account: 400,
  invalid_filters: 400,
  invalid_settings: 400,
  invalid_scenario: 400,
  invalid_week: 400,
  invalid_item: 400,
  invalid_ticket_payload: 400,
  reply_not_pairable: 400,
  reason_required: 400,
  expiry_in_past: 400,
  shop_mismatch: 400,
  missing_topic: 400,
  missing_event_id: 400,
  missing_code: 400,
  code_refused: 400,
  grant_refused: 400,
  // 401
  unauthorized: 401,
  not_signed_in: 401,
  bad_credentials: 401,
  invalid_widget_link: 401,
  invalid_signature: 401,
  invalid_hmac: 401,
  stale_callback: 401,
  invalid_state: 401,
  // 403
  forbidden: 403,
  csrf: 403,
  cross_site: 403,
  // 404
  not_found: 404,
  unknown_ticket: 404,
  unknown_shop: 404,
  unknown_draft: 404,
  unknown_system: 404,
  unknown_gorgias_account: 404,
  not_dead: 404,
  // 409
  action_not_possible: 409,
  reply_not_grounded: 409,
  stale_confirmation: 409,
  override_reason_required: 409,
  not_sent: 409,
  no_store: 409,
  no_customer_email: 409,
  not_connected: 409,
  shopify_not_connected: 409,
  gorgias_not_connected: 409,
  klaviyo_not_connected: 409,
  missing_client_id: 409,
  // 413
  payload_too_large: 413,
  // 429
  too_many_attempts: 429,
  // 500
  internal_error: 500,
};

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code] ?? 500;
}
