import 'server-only';
import OpenAI from 'openai';
import type { Config } from '@/lib/runtime/config';

// The model is optional: with no key, Concord classifies by rules and drafts from templates.
export function createOpenAI(config: Config, opts: { timeoutMs?: number } = {}): OpenAI | null {
  if (!config.env.OPENAI_API_KEY) return null;
  return new OpenAI({
    apiKey: config.env.OPENAI_API_KEY,
    baseURL: config.env.OPENAI_BASE_URL, // any OpenAI-compatible server can stand in
    timeout: opts.timeoutMs ?? 20_000,
    maxRetries: 1,
  });
}

export function openAIModel(config: Config): string {
  return config.env.OPENAI_MODEL;
}
