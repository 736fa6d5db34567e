import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { parseGorgiasWidgetQuery } from '@/lib/integrations/gorgias/payloads';
import { sidebarForEmail } from './answer-sidebar';

/** The read-only sidebar for `?email={{ticket.customer.email}}&ticket={{ticket.id}}&account={{ticket.account.domain}}`. */
export async function sidebarForQuery(db: Db, config: Config, search: URLSearchParams, now: Date): Promise<Record<string, unknown>> {
  const parsed = parseGorgiasWidgetQuery(search);
  if (!parsed.ok) throw new AppError('invalid_query', parsed.error);
  const { email, ticketId, account } = parsed.query;
  if (!email && !ticketId) throw new AppError('missing_query', 'Pass ?email={{ticket.customer.email}}&ticket={{ticket.id}}.');
  if (!account) throw new AppError('missing_account', 'Add &account={{ticket.account.domain}} so Concord knows which helpdesk is asking.');
  return sidebarForEmail(db, config, { email, ticketId, account }, now);
}
