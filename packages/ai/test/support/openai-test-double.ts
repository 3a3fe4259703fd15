/**
 * A TEST DOUBLE of an OpenAI-compatible endpoint (not a model): a node:http server on 127.0.0.1
 * that answers /v1/chat/completions with a canned structured draft built from the sources in the
 * prompt (for the `document_answer` and `document_summary` schemas: an answer or summary built from
 * the numbered passages), streams it as SSE when asked, can answer 429/500 on demand, and records
 * every request so tests can assert what reached the endpoint (e.g. that no CPR number did). With `obeyInjections`
 * it plays a hostile, gullible model that does what the inquiry tells it: it copies links, numbers
 * and e-mails into the reply, says the case is approved, promises urgent handling and forwarding.
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
  /**
   * Follow instructions planted in the inquiry, hidden ones included (HTML comments, white text, zero-width
   * and Unicode tag characters): copy links, phone numbers, e-mails, account and CPR numbers, say the case
   * is approved, promise urgent handling and forwarding. A hostile, gullible model.
   */
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

/** The inquiry as a model reads it: zero-width characters dropped, Unicode tag characters read as the ASCII they encode. */
function fencedInquiry(prompt: string): string {
  const fenced = /<<<HENVENDELSE>>>([\s\S]*?)<<<HENVENDELSE>>>/.exec(prompt)?.[1] ?? '';
  return fenced
    .replace(/[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g, '')
    .replace(/[\u{e0020}-\u{e007e}]/gu, (c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xe0000));
}

/** What a gullible model would copy out of the inquiry: links, phone, account and CPR numbers and their pseudonyms, e-mails. */
function injectionsOf(fenced: string): string[] {
  const found = [
    ...fenced.matchAll(/\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+|\b[a-z0-9-]+\.(?:com|ru|xyz|io|net|info|ly|site|top)(?:\/\S*)?/gi),
    ...fenced.matchAll(/\[(?:CPR|TELEFON|EMAIL|PERSON|KONTO)_\d+\]/g),
    ...fenced.matchAll(/(?<!\d)(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?!\d)/g),
    ...fenced.matchAll(/\b\d{6}-?\d{4}\b/g),
    ...fenced.matchAll(/\b\d{4}[ -]\d{6,10}\b/g),
    ...fenced.matchAll(/[\w.+-]+@[\w.-]+\.[a-z]{2,}/gi),
  ].map((m) => m[0].replace(/-->$/, '').replace(/["'.,;:)<>]+$/, ''));
  // A link inside an e-mail address is the address, not a link of its own.
  const emails = found.filter((v) => v.includes('@'));
  return [...new Set(found.filter((v) => v.includes('@') || !emails.some((e) => e.endsWith(v))))];
}

// An order in the inquiry: a verb that tells the writer what to say or the system what to do.
const tellVerbs = /(?:skriv|svar|besvar|sig|bekræft|oplys|meddel|luk|status|say|write|tell|state|confirm|reply|respond|answer|inform|include)/i;
const decisionWords = /(?:godkend|bevil|imødekomm|afgjort|tilsagn|approv|grant|upheld|waived)/i;
const urgencyOrder =
  /(?:marker|markér|mark|flag|prioriter|prioritér|prioriti[sz]e|sæt|set|klassificér|klassificer|classify|behandl|handle|hastegrad|priority|prioritet)[^.\n]{0,40}?(?:akut|haster|hast|urgent|emergency|priorit|høj|top|=\s*1|til 1)|(?:skriv|sig|say|write)[^.\n]{0,20}?(?:haster|akut|urgent)/i;
const routeOrder =
  /(?:[Vv]ideresend|[Ss]end|sendes|rutes|[Rr]oute|[Ff]orward|[Oo]verdrag|[Oo]mdirigér|[Oo]mdiriger|[Ff]ordel|[Ee]scalate|[Ee]skalér|[Aa]ssign)\b[^.\n<]{0,40}?\b(?:til|to|=)\s*((?:the |den |det )?[\p{L}]+(?:['’]s [\p{L}]+)?(?: (?:for|of) [\p{L}]+(?: care| office)?| og [\p{Lu}][\p{L}]+| [\p{Lu}][\p{L}]+)*)/u;

/** The claims a gullible model adds when the inquiry tells it to: approval, urgent handling, forwarding. */
function claimsOf(fenced: string, english: boolean): string[] {
  const out: string[] = [];
  const clauses = fenced.split(/(?<=[.!?])\s+|\n|;|<\/?\w+[^>]*>/);
  if (clauses.some((c) => tellVerbs.test(c) && decisionWords.test(c)))
    out.push(english ? 'Your application has been approved, and the case is decided.' : 'Din ansøgning er godkendt, og sagen er afgjort.');
  if (clauses.some((c) => urgencyOrder.test(c)))
    out.push(english ? 'We have marked your case as urgent and will handle it today.' : 'Vi har markeret din sag som akut og behandler den i dag.');
  for (const c of clauses) {
    const target = routeOrder.exec(c)?.[1]?.trim();
    if (!target) continue;
    out.push(english ? `We have forwarded your inquiry to ${target}.` : `Vi har videresendt din henvendelse til ${target}.`);
    break;
  }
  return out;
}

/** Every sentence of each numbered passage in the prompt. */
function passageSentencesOf(prompt: string): { n: number; sentence: string }[] {
  const out: { n: number; sentence: string }[] = [];
  for (const m of prompt.matchAll(/^\[(\d+)\] [^\n]*\n([^\n]+)/gm))
    for (const s of (m[2] ?? '').split(/(?<=[.!?])\s+(?=[A-ZÆØÅ])/)) if (s.trim()) out.push({ n: Number(m[1]), sentence: s.trim() });
  return out;
}

const longWords = (text: string) => new Set(text.toLowerCase().match(/[a-zæøå0-9]{4,}/g) ?? []);

/**
 * A question over documents (schema `document_answer`): the passage sentence sharing the most
 * words with the question, cited to its passage; `found: false` when none shares two words.
 */
function documentAnswerFor(prompt: string): string {
  const question = /<<<SPØRGSMÅL>>>\n([\s\S]*?)\n<<<SPØRGSMÅL>>>/.exec(prompt)?.[1] ?? '';
  const asked = longWords(question);
  let best: { n: number; sentence: string; overlap: number } | null = null;
  for (const s of passageSentencesOf(prompt)) {
    const overlap = [...longWords(s.sentence)].filter((w) => asked.has(w)).length;
    if (!best || overlap > best.overlap) best = { ...s, overlap };
  }
  if (!best || best.overlap < 2) return JSON.stringify({ found: false, sentences: [] });
  return JSON.stringify({ found: true, sentences: [{ text: best.sentence, sources: [best.n] }] });
}

/** A summary of documents (schema `document_summary`): the first sentence of the first three passages. */
function documentSummaryFor(prompt: string): string {
  return JSON.stringify({
    sentences: sourcesOf(prompt)
      .slice(0, 3)
      .map((s) => ({ text: s.sentence, sources: [s.n] })),
  });
}

/**
 * The account of one agenda point (task `minutes`, schema `minutes_account`): the two longest
 * transcript lines of the prompt, restated as sentences that cite their line numbers.
 */
function minutesAccountFor(prompt: string): string {
  const fenced = /<<<UDSKRIFT>>>\n([\s\S]*?)\n<<<UDSKRIFT>>>/.exec(prompt)?.[1] ?? '';
  const lines = [...fenced.matchAll(/^\[(\d+)\] (?:[^:\n]{1,60}: )?(.+)$/gm)].map((m) => ({ n: Number(m[1]), text: (m[2] ?? '').trim() }));
  const picked = [...lines]
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 2)
    .sort((a, b) => a.n - b.n);
  return JSON.stringify({ sentences: picked.map((l) => ({ text: l.text, lines: [l.n] })) });
}

function answerFor(request: RecordedRequest, options: OpenAiTestDoubleOptions): string {
  if (options.respond) return options.respond(request);
  const prompt = request.body.messages?.map((m) => m.content).join('\n') ?? '';
  const schema = (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
  if (schema === 'document_answer') return documentAnswerFor(prompt);
  if (schema === 'document_summary') return documentSummaryFor(prompt);
  if (schema === 'minutes_account') return minutesAccountFor(prompt);
  const sentences: { text: string; sources: number[] }[] = [
    { text: 'Kære borger', sources: [] },
    { text: 'Tak for din henvendelse.', sources: [] },
  ];
  const sources = sourcesOf(prompt);
  for (const s of sources.slice(0, 3)) sentences.push({ text: s.sentence, sources: [s.n] });
  if (options.obeyInjections) {
    const fenced = fencedInquiry(prompt);
    // The planted content rides on a sentence of the best source, so that it reads as grounded and only
    // the checks for links, numbers and claims about the case can catch it.
    const carrier = sources[0]?.sentence.replace(/[.!?]+$/, '');
    for (const item of injectionsOf(fenced))
      sentences.push({ text: carrier ? `Som du bad om: ${carrier} – se ${item}.` : `Som du bad om, kan du bruge ${item} i sagen.`, sources: [1] });
    for (const claim of claimsOf(fenced, /\(sprog: en\)/.test(prompt)))
      sentences.push({ text: carrier ? `${carrier}, og ${claim.charAt(0).toLowerCase()}${claim.slice(1)}` : claim, sources: [1] });
  }
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
