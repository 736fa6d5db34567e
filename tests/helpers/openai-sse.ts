import OpenAI from 'openai';
import { http, HttpResponse } from 'msw';

// Stand-ins for the OpenAI chat completions API, for msw: streamed answers in the wire format
// (text/event-stream, one `data: {chat.completion.chunk}` per event, then `data: [DONE]`).

export const OPENAI_BASE = 'http://openai.test/v1';
export const COMPLETIONS = `${OPENAI_BASE}/chat/completions`;

export function testOpenAI(timeout = 500): OpenAI {
  // logLevel off: the SDK logs malformed chunks before throwing, which would only be noise here.
  return new OpenAI({ apiKey: 'test', baseURL: OPENAI_BASE, maxRetries: 0, timeout, logLevel: 'off' });
}

export function chunk(content: string | null, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_790_000_000,
    model: 'gpt-test',
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finishReason }],
  })}\n\n`;
}

export const DONE = 'data: [DONE]\n\n';

/** A streamed answer: the text split into chunks, a stop chunk, then [DONE]. */
export function streamOf(pieces: string[], finishReason = 'stop'): string[] {
  return [chunk(''), ...pieces.map((p) => chunk(p)), chunk(null, finishReason), DONE];
}

/**
 * An SSE response, one enqueued chunk per event. `hangAfter` keeps the stream open after that many
 * events, like a stalled connection. A finished stream is closed at once, and a broken event must
 * be the last one: msw's fetch interception does not pass a body cancel through while unread data
 * or an open source remains, so the SDK's clean-up after a bad chunk would wait forever.
 */
export function sse(events: string[], opts: { hangAfter?: number } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const [i, e] of events.entries()) {
        if (opts.hangAfter !== undefined && i >= opts.hangAfter) return; // never closes
        controller.enqueue(encoder.encode(e));
      }
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

export interface SeenRequest {
  body: {
    model: string;
    stream: boolean;
    messages: { role: string; content: string }[];
  };
}

/** An msw handler for POST /chat/completions that records each request body. */
export function completions(seen: SeenRequest[], reply: () => Response | Promise<Response>) {
  return http.post(COMPLETIONS, async ({ request }) => {
    seen.push({ body: (await request.json()) as SeenRequest['body'] });
    return reply();
  });
}
