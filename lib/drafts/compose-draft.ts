import type OpenAI from 'openai';
import { z } from 'zod';
import type { DraftContext } from '@/lib/domain/draft-context';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { checkGrounding, type GroundingResult } from '@/lib/domain/grounding';
import { streamDraftReply, type DraftExamples } from '@/lib/integrations/openai/draft-reply';
import { promptExamples, taughtTemplateDraft, taughtVersion, type TaughtExample } from '@/lib/domain/drafts/taught-examples';
import { loadPrompt, type Prompt } from '@/lib/integrations/openai/load-prompt';

// Writes one reply draft: the model when one is configured, the built-in template otherwise or
// when the model fails (timeout, 429, a broken, empty or cut-off stream). Either way the same
// grounding check runs on the result, and the draft records where it came from and why.

const DRAFT_PROMPT = 'draft-reply';
/** The section that carries a lead's taught examples into the model prompt. */
const EXAMPLES_PROMPT = 'draft-reply-examples';
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
  /** The leads' "Teach this" examples for this shop and intent, newest first (lib/drafts/load-taught-examples.ts). */
  examples?: readonly TaughtExample[];
}

// The model's whole answer, checked like any other outside input before it becomes a draft.
const modelDraftSchema = z.string().trim().min(1, 'the model returned an empty draft').max(6000, 'the model returned an overlong draft');

// Shown in a live stream when the model fails part-way; the stored draft (the template) replaces it.
const FALLBACK_NOTE = '\n\n[The model stopped; showing the built-in template instead.]\n\n';

export async function generateDraft(
  deps: { openai: OpenAI | null; model: string },
  ctx: DraftContext,
  opts: GenerateDraftOptions = {},
): Promise<GeneratedDraft> {
  const examples = opts.examples ?? [];
  // The template: a taught example that fits this ticket (see taught-examples.ts), else the built-in one.
  const fromTemplate = (promptVersion: string | null, error: string | null): GeneratedDraft => {
    const taught = taughtTemplateDraft(ctx, examples);
    const t = taught ?? templateDraft(ctx);
    opts.onDelta?.(t.text);
    const version = promptVersion ?? (taught ? taughtVersion(TEMPLATES_VERSION, [taught.example]) : TEMPLATES_VERSION);
    return {
      text: t.text,
      source: 'template',
      model: null,
      promptVersion: version,
      templateId: t.templateId,
      grounding: checkGrounding(t.text, ctx),
      error,
    };
  };
  if (!deps.openai) return fromTemplate(null, null);

  let prompt: Prompt;
  try {
    prompt = opts.prompt ?? loadPrompt(DRAFT_PROMPT);
  } catch (err) {
    return fromTemplate(null, `model not tried: ${(err as Error).message}`);
  }
  // Taught examples go into the prompt in placeholder form; the version names the set used.
  const few = promptExamples(ctx, examples);
  let fewShot: DraftExamples | null = null;
  let version = prompt.version;
  if (few.used.length > 0) {
    try {
      const section = loadPrompt(EXAMPLES_PROMPT);
      fewShot = { prompt: section, texts: few.texts };
      version = taughtVersion(prompt.version, few.used, section.version);
    } catch {
      // Without the examples prompt file the draft is written as before, and its version says so.
    }
  }

  let streamed = '';
  try {
    for await (const delta of streamDraftReply(deps.openai, deps.model, ctx, prompt, {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      examples: fewShot,
    })) {
      streamed += delta;
      opts.onDelta?.(delta);
    }
    const parsed = modelDraftSchema.safeParse(streamed);
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'the model returned an unusable draft');
    return {
      text: parsed.data,
      source: 'model',
      model: deps.model,
      promptVersion: version,
      templateId: null,
      grounding: checkGrounding(parsed.data, ctx),
      error: null,
    };
  } catch (err) {
    if (streamed && opts.onDelta) opts.onDelta(FALLBACK_NOTE);
    return fromTemplate(version, `model ${deps.model} failed, used the template: ${(err as Error).message}`);
  }
}
