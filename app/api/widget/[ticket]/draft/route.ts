import { getConfig } from '@/lib/runtime/config';
import { describeError } from '@/lib/runtime/describe-error';
import { getDb } from '@/lib/db';
import { handle, HttpError } from '@/lib/http/responses';
import { checkWidgetGrant } from '@/lib/auth/widget-grant';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/widget/:ticket/draft – redraft, streaming the text as it is written (plain text chunks).
export const POST = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { ticket } = await ctx.params;
  const now = new Date();
  const config = getConfig();
  const db = await getDb();
  const grant = await checkWidgetGrant(db, req.headers.get('x-widget-token'), ticket, config.secrets.session, now);
  if (!grant.ok) throw new HttpError(401, 'invalid_widget_link', grant.reason);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await generateTicketDraft(
          db,
          { openai: createOpenAI(config), model: openAIModel(config), config },
          { shopId: grant.grant.shopId, ticketShopId: grant.grant.shopId, ticketId: ticket, messageId: null, now, allowAutoReply: false },
          (delta) => controller.enqueue(encoder.encode(delta)),
        );
      } catch (err) {
        controller.enqueue(encoder.encode(`\n\n[Couldn’t draft: ${describeError(err)}]`));
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
});
