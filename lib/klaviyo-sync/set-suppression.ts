import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { issues, suppressionOverrides } from '@/lib/db/schema';
import { deriveSuppression, type SuppressionState } from '@/lib/domain/suppression';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';
import { queueKlaviyoSync } from '@/lib/projection/apply-issue-signals';
import { issueRecordFromRow } from '@/lib/ticket-context/row-mappers';

export type SuppressionMode = 'suppress' | 'release' | 'clear';

export async function loadSuppression(db: Db, shopId: string, email: string, now: Date): Promise<SuppressionState> {
  // Sequential: this also runs inside transactions, where one pg client can't run queries in parallel.
  const issueRows = await db
    .select()
    .from(issues)
    .where(and(eq(issues.shopId, shopId), eq(issues.customerEmail, email)));
  const overrideRows = await db
    .select()
    .from(suppressionOverrides)
    .where(and(eq(suppressionOverrides.shopId, shopId), eq(suppressionOverrides.customerEmail, email)));
  return deriveSuppression({
    issues: issueRows.map(issueRecordFromRow),
    overrides: overrideRows.map((o) => ({
      mode: o.mode as 'suppress' | 'release',
      reason: o.reason,
      expiresAt: o.expiresAt,
      createdAt: o.createdAt,
      actor: o.actor,
    })),
    now,
  });
}

/**
 * An agent suppresses or releases a customer by hand (with a reason and optional expiry), or
 * clears their override so the open issues decide again. The change is audited and pushed to
 * Klaviyo through the outbox.
 */
export async function setSuppression(
  db: Db,
  input: { shopId: string; email: string; mode: SuppressionMode; reason: string; expiresAt: Date | null; actor: Actor },
  now: Date,
): Promise<{ state: SuppressionState; msg: string }> {
  const email = input.email.trim().toLowerCase();
  if (!email) throw new AppError('no_customer_email', 'This ticket has no customer email, so there is no Klaviyo profile to change.');
  if (input.mode !== 'clear' && !input.reason.trim())
    throw new AppError('reason_required', 'Give a reason; it is shown to the team and kept in the audit log.');
  if (input.expiresAt && input.expiresAt <= now) throw new AppError('expiry_in_past', 'The expiry must be in the future.');
  return db.transaction(async (tx) => {
    const before = await loadSuppression(tx, input.shopId, email, now);
    const actorName = input.actor.id ?? input.actor.type;
    if (input.mode === 'clear') {
      await tx
        .update(suppressionOverrides)
        .set({ expiresAt: now })
        .where(
          and(
            eq(suppressionOverrides.shopId, input.shopId),
            eq(suppressionOverrides.customerEmail, email),
            or(isNull(suppressionOverrides.expiresAt), gt(suppressionOverrides.expiresAt, now)),
          ),
        );
    } else {
      await tx.insert(suppressionOverrides).values({
        shopId: input.shopId,
        customerEmail: email,
        mode: input.mode,
        reason: input.reason.trim(),
        expiresAt: input.expiresAt,
        actor: actorName,
        createdAt: now,
      });
    }
    const after = await loadSuppression(tx, input.shopId, email, now);
    const until = input.expiresAt ? ` until ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
    const msg =
      input.mode === 'clear'
        ? `Override cleared: ${email} is now ${after.suppressed ? 'suppressed' : 'not suppressed'} (${after.because.join('; ') || 'no open issues'}).`
        : input.mode === 'suppress'
          ? `${email} is suppressed from promos and review requests${until}. Klaviyo is updated in a few seconds.`
          : `${email} is released from suppression${until}${before.openIssues.length ? ` despite ${before.openIssues.length} open issue(s)` : ''}. Klaviyo is updated in a few seconds.`;
    await writeAudit(tx, {
      shopId: input.shopId,
      actor: input.actor,
      action: `suppression.${input.mode}`,
      subjectType: 'customer',
      subjectId: email,
      customerEmail: email,
      explanation: `${actorName}: ${msg}${input.reason.trim() ? ` Reason: ${input.reason.trim()}` : ''}`,
      before: { suppressed: before.suppressed, because: before.because },
      after: { suppressed: after.suppressed, because: after.because },
    });
    await queueKlaviyoSync(tx, input.shopId, email);
    return { state: after, msg };
  });
}
