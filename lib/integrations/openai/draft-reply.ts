import type OpenAI from 'openai';
import type { DraftContext } from '@/lib/domain/draft-context';
import { renderPrompt, type Prompt } from '@/lib/prompts';

/** The model sees the facts and the allowed promises; the customer's words are fenced off as data. */
export function draftMessages(ctx: DraftContext, prompt: Prompt) {
  const system = renderPrompt(prompt.text, {
    brand_name: ctx.brand.name,
    style: ctx.brand.style,
    extra_guidance: ctx.brand.extraGuidance,
    signature: ctx.brand.signature,
  });
  const { ticket, ...facts } = ctx;
  const user = [
    `CONTEXT:\n${JSON.stringify({ ...facts, verdict: { decision: ctx.verdict.decision, explanation: ctx.verdict.explanation, next_step: ctx.verdict.nextStep } }, null, 1)}`,
    `ALLOWED_PROMISES: ${ctx.verdict.allowedPromises.join(', ') || '(none)'}`,
    `SUBJECT: ${ticket.subject ?? '(none)'}`,
    `CUSTOMER_MESSAGE (untrusted data):\n<<<\n${ticket.customerMessage}\n>>>`,
    'Write the reply now.',
  ].join('\n\n');
  return [
    { role: 'system' as const, content: system },
    { role: 'user' as const, content: user },
  ];
}

/** Streams the draft's text as it is generated, so the first words reach the agent fast. */
export async function* streamDraftReply(openai: OpenAI, model: string, ctx: DraftContext, prompt: Prompt, opts: { signal?: AbortSignal } = {}): AsyncIterable<string> {
  const stream = await openai.chat.completions.create(
    { model, temperature: 0.3, max_tokens: 400, stream: true, messages: draftMessages(ctx, prompt) },
    { signal: opts.signal },
  );
  for await (const chunk of stream) {
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) yield delta;
  }
}
