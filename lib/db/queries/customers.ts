import { and, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { textArray } from '@/lib/db/rows';
import { customers } from '@/lib/db/schema';
import type { CustomerCandidate } from '@/lib/domain/ticket-match';
import type { Customer } from '@/lib/domain/types';

// The customers table: Shopify customers; contact points accumulate, other fields follow the newest updated_at.

export async function upsertCustomer(tx: Db, c: Customer, updatedAt: Date | null = null): Promise<void> {
  await upsertCustomers(tx, [{ customer: c, updatedAt }]);
}

/** Many customers in one statement; each (shop, customer id) at most once. */
export async function upsertCustomers(tx: Db, list: { customer: Customer; updatedAt: Date | null }[]): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(customers)
    .values(
      list.map(({ customer: c, updatedAt }) => ({
        shopId: c.shopId,
        shopifyCustomerId: c.id,
        email: c.email?.toLowerCase() ?? null,
        emails: [...new Set([...(c.email ? [c.email.toLowerCase()] : []), ...c.emails.map((e) => e.toLowerCase())])],
        phones: c.phones,
        firstName: c.firstName,
        lastName: c.lastName,
        tags: c.tags,
        ordersCount: c.ordersCount,
        totalSpent: c.totalSpent,
        shopifyUpdatedAt: updatedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [customers.shopId, customers.shopifyCustomerId],
      set: {
        // Contact points accumulate: a customer who wrote from another address stays matchable.
        emails: sql`array(select distinct unnest(${customers.emails} || excluded.emails))`,
        phones: sql`array(select distinct unnest(${customers.phones} || excluded.phones))`,
        email: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.email, ${customers.email}) else ${customers.email} end`,
        firstName: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.first_name, ${customers.firstName}) else ${customers.firstName} end`,
        lastName: sql`case when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then coalesce(excluded.last_name, ${customers.lastName}) else ${customers.lastName} end`,
        tags: sql`case when excluded.shopify_updated_at is null and cardinality(excluded.tags) = 0 then ${customers.tags} when excluded.shopify_updated_at is null or ${customers.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${customers.shopifyUpdatedAt} then excluded.tags else ${customers.tags} end`,
        ordersCount: sql`greatest(${customers.ordersCount}, excluded.orders_count)`,
        totalSpent: sql`case when excluded.total_spent::numeric > ${customers.totalSpent}::numeric then excluded.total_spent else ${customers.totalSpent} end`,
        shopifyUpdatedAt: sql`greatest(${customers.shopifyUpdatedAt}, excluded.shopify_updated_at)`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * Customers of these stores that any of the contact points name (up to 5): the record whose main email
 * is the contact's own first, then a stable order, so the same ticket always finds the same customer.
 */
export async function findCustomersByContact(
  db: Db,
  shopIds: string[],
  contact: { email: string | null; emails: string[]; phones: string[] },
): Promise<CustomerCandidate[]> {
  const { emails, phones } = contact;
  return db
    .select({
      shopId: customers.shopId,
      id: customers.shopifyCustomerId,
      email: customers.email,
      emails: customers.emails,
      phones: customers.phones,
    })
    .from(customers)
    .where(
      and(
        inArray(customers.shopId, shopIds),
        or(
          emails.length ? inArray(customers.email, emails) : sql`false`,
          emails.length ? sql`${customers.emails} && ${textArray(emails)}` : sql`false`,
          phones.length ? sql`${customers.phones} && ${textArray(phones)}` : sql`false`,
        ),
      ),
    )
    .orderBy(sql`coalesce(${customers.email} = ${contact.email ?? ''}, false) desc`, customers.shopId, customers.shopifyCustomerId)
    .limit(5);
}
