import type OpenAI from 'openai';
import { z } from 'zod';
import type { DraftContext } from '@/lib/domain/draft-context';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { checkGrounding, type GroundingResult } from '@/lib/domain/grounding';
import { streamDraftReply } from '@/lib/integrations/openai/draft-reply';
import { loadPrompt, type Prompt } from '@/lib/integrations/openai/load-prompt';

// Writes one reply draft: the model when one is configured, the built-in template otherwise or
// when the model fails (timeout, 429, a broken, empty or cut-off stream). Either way the same
// grounding check runs on the result, and the draft records where it came from and why.

export const DRAFT_PROMPT = 'draft-reply';
/** Stored as the prompt version of drafts no prompt wrote. */
export const TEMPLATES_VERSION = 'templates.v1';

export interface GeneratedDraft {
  text: string;
  source: 'model' | 'template';
  model: string | null;
  promptVersion: string;
  templateId: string | null;
  grounding: GroundingResult;
  error: string | null; // why the model's draft was not used, when it was tried
}

export interface GenerateDraftOptions {
  /** Called with each piece of text as it is written, so a widget can show the first words fast. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** A specific prompt (tests, prompt experiments); the newest draft-reply prompt otherwise. */
  prompt?: Prompt;
}

// The model's whole answer, checked like any other outside input before it becomes a draft.
const modelDraftSchema = z.string().trim().min(1, 'the model returned an empty draft').max(6000, 'the model returned an overlong draft');

// Shown in a live stream when the model fails part-way; the stored draft (the template) replaces it.
const FALLBACK_NOTE = '\n\n[The model stopped; showing the built-in template instead.]\n\n';

export async function generateDraft(deps: { openai: OpenAI | null; model: string }, ctx: DraftContext, opts: GenerateDraftOptions = {}): Promise<GeneratedDraft> {
  const fromTemplate = (promptVersion: string, error: string | null): GeneratedDraft => {
    const t = templateDraft(ctx);
    opts.onDelta?.(t.text);
    return { text: t.text, source: 'template', model: null, promptVersion, templateId: t.templateId, grounding: checkGrounding(t.text, ctx), error };
  };
  if (!deps.openai) return fromTemplate(TEMPLATES_VERSION, null);

  let prompt: Prompt;
  try {
    prompt = opts.prompt ?? loadPrompt(DRAFT_PROMPT);
  } catch (err) {
    return fromTemplate(TEMPLATES_VERSION, `model not tried: ${(err as Error).message}`);
  }

  let streamed = '';
  try {
    for await (const delta of streamDraftReply(deps.openai, deps.model, ctx, prompt, { signal: opts.signal, timeoutMs: opts.timeoutMs })) {
      streamed += delta;
      opts.onDelta?.(delta);
    }
    const parsed = modelDraftSchema.safeParse(streamed);
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'the model returned an unusable draft');
    return { text: parsed.data, source: 'model', model: deps.model, promptVersion: prompt.version, templateId: null, grounding: checkGrounding(parsed.data, ctx), error: null };
  } catch (err) {
    if (streamed && opts.onDelta) opts.onDelta(FALLBACK_NOTE);
    return fromTemplate(prompt.version, `model ${deps.model} failed, used the template: ${(err as Error).message}`);
  }
}
