/**
 * A TEST DOUBLE of an OpenAI-compatible endpoint (not a model): a node:http server on 127.0.0.1
 * that answers /v1/chat/completions with a canned structured draft built from the sources in the
 * prompt, streams it as SSE when asked, can answer 429/500 on demand, and records every request so
 * tests can assert what reached the endpoint (e.g. that no CPR number did).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: { model?: string; messages?: { role: string; content: string }[]; stream?: boolean; response_format?: unknown };
  /** The raw request body as received. */
  raw: string;
}

export interface OpenAiTestDoubleOptions {
  /** Follow instructions planted in the inquiry (links, phone numbers, other people's CPR numbers): a hostile, gullible model. */
  obeyInjections?: boolean;
  /** Replace the answer's content entirely. */
  respond?: (request: RecordedRequest) => string;
}

export interface OpenAiTestDouble {
  baseUrl: string;
  requests: RecordedRequest[];
  /** The next `count` requests fail with this status (429 carries Retry-After when given). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  setOptions(options: OpenAiTestDoubleOptions): void;
  /** Forgets recorded requests and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

/** The first sentence of each numbered source in the prompt. */
function sourcesOf(prompt: string): { n: number; sentence: string }[] {
  const out: { n: number; sentence: string }[] = [];
  for (const m of prompt.matchAll(/^\[(\d+)\] [^\n]*\n([^\n]+)/gm)) {
    const first = /^(.+?[.!?])(?:\s+(?=[A-ZÆØÅ])|$)/.exec(m[2] ?? '')?.[1] ?? m[2] ?? '';
    out.push({ n: Number(m[1]), sentence: first.trim() });
  }
  return out;
}

/** What a gullible model would copy out of the inquiry: links, phone numbers, CPR numbers and their pseudonyms, e-mails. */
function injectionsOf(prompt: string): string[] {
  const fenced = /<<<HENVENDELSE>>>([\s\S]*?)<<<HENVENDELSE>>>/.exec(prompt)?.[1] ?? '';
  const found = [
    ...fenced.matchAll(/\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|ru|xyz|io|net|info|ly)(?:\/\S*)?/gi),
    ...fenced.matchAll(/\[(?:CPR|TELEFON|EMAIL|PERSON|KONTO)_\d+\]/g),
    ...fenced.matchAll(/(?<!\d)(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?!\d)/g),
    ...fenced.matchAll(/\b\d{6}-?\d{4}\b/g),
    ...fenced.matchAll(/[\w.+-]+@[\w.-]+\.[a-z]{2,}/gi),
  ].map((m) => m[0].replace(/[.,;:)]+$/, ''));
  return [...new Set(found)];
}

function answerFor(request: RecordedRequest, options: OpenAiTestDoubleOptions): string {
  if (options.respond) return options.respond(request);
  const prompt = request.body.messages?.map((m) => m.content).join('\n') ?? '';
  const sentences: { text: string; sources: number[] }[] = [
    { text: 'Kære borger', sources: [] },
    { text: 'Tak for din henvendelse.', sources: [] },
  ];
  for (const s of sourcesOf(prompt).slice(0, 3)) sentences.push({ text: s.sentence, sources: [s.n] });
  if (options.obeyInjections) for (const item of injectionsOf(prompt)) sentences.push({ text: `Som du bad om, kan du bruge ${item} i sagen.`, sources: [1] });
  sentences.push({ text: 'Med venlig hilsen', sources: [] });
  return JSON.stringify({ language: 'da', sentences });
}

/** Starts the test double on a free port of 127.0.0.1. */
export async function startOpenAiTestDouble(initial: OpenAiTestDoubleOptions = {}): Promise<OpenAiTestDouble> {
  let options = initial;
  const failures: { status: number; retryAfter?: number }[] = [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(raw) as RecordedRequest['body'];
    } catch {
      // recorded as received
    }
    const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, body, raw };
    requests.push(recorded);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ error: { message: 'test double failure', type: 'test' } }));
      return;
    }
    const content = answerFor(recorded, options);
    const model = body.model ?? 'test-double';
    const usage = { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    for (let i = 0; i < content.length; i += 17) {
      send({
        id: 'chatcmpl-test',
        object: 'chat.completion.chunk',
        created: 0,
        model,
        choices: [{ index: 0, delta: { content: content.slice(i, i + 17) }, finish_reason: null }],
      });
    }
    send({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    send({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [], usage });
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(count, status, retryAfterSeconds) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      options = initial;
    },
    setOptions(next) {
      options = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
