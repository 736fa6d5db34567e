import type OpenAI from 'openai';
import type { DraftContext } from '@/lib/domain/draft-context';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { checkGrounding, type GroundingResult } from '@/lib/domain/grounding';
import { streamDraftReply } from '@/lib/integrations/openai/draft-reply';
import { loadPrompt } from '@/lib/prompts';

export interface GeneratedDraft {
  text: string;
  source: 'model' | 'template';
  model: string | null;
  promptVersion: string;
  templateId: string | null;
  grounding: GroundingResult;
  error: string | null;
}

/**
 * The model drafts when one is configured; otherwise, or when it fails (timeout, 429, empty or
 * broken stream), the built-in template does. Either way the same grounding check runs.
 */
export async function generateDraft(
  deps: { openai: OpenAI | null; model: string },
  ctx: DraftContext,
  opts: { onDelta?: (text: string) => void; timeoutMs?: number } = {},
): Promise<GeneratedDraft> {
  const prompt = loadPrompt('draft-reply');
  const fallback = (error: string | null): GeneratedDraft => {
    const t = templateDraft(ctx);
    if (opts.onDelta && error !== null) opts.onDelta(t.text);
    return { text: t.text, source: 'template', model: null, promptVersion: prompt.version, templateId: t.templateId, grounding: checkGrounding(t.text, ctx), error };
  };
  if (!deps.openai) {
    const t = fallback(null);
    opts.onDelta?.(t.text);
    return t;
  }
  let text = '';
  try {
    const signal = AbortSignal.timeout(opts.timeoutMs ?? 20_000);
    for await (const delta of streamDraftReply(deps.openai, deps.model, ctx, prompt, { signal })) {
      text += delta;
      opts.onDelta?.(delta);
    }
    if (!text.trim()) return fallback('the model returned an empty draft');
    return { text: text.trim(), source: 'model', model: deps.model, promptVersion: prompt.version, templateId: null, grounding: checkGrounding(text.trim(), ctx), error: null };
  } catch (err) {
    // Anything already streamed is replaced by the template: the agent sees one coherent draft.
    if (text && opts.onDelta) opts.onDelta('\n\n[The model stopped; showing the built-in template instead.]\n\n');
    return fallback(`model failed: ${(err as Error).message.slice(0, 200)}`);
  }
}
