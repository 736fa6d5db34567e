import type { Config } from '@/lib/runtime/config';
import { describeError } from '@/lib/runtime/describe-error';
import type { Db } from '@/lib/db/client';
import type { WidgetGrant } from '@/lib/auth/widget-link';
import { createOpenAI, openAIModel } from '@/lib/integrations/openai/client';
import { generateTicketDraft } from './draft-ticket-reply';

/** A redraft for the widget page, streamed as plain text chunks while it is written; a failure ends the text with why. */
export function streamTicketDraft(db: Db, config: Config, grant: WidgetGrant, now: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await generateTicketDraft(
          db,
          { openai: createOpenAI(config), model: openAIModel(config), config },
          { shopId: grant.shopId, ticketShopId: grant.shopId, ticketId: grant.ticketId, messageId: null, now, allowAutoReply: false },
          (delta) => controller.enqueue(encoder.encode(delta)),
        );
      } catch (err) {
        controller.enqueue(encoder.encode(`\n\n[Couldn’t draft: ${describeError(err)}]`));
      }
      controller.close();
    },
  });
}
