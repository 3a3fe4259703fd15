import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './support/browser';
import { type OpenAiTestDouble, startDraftingTestDouble, unsupportedSentence } from './support/openai-test-double';
import { type RunningServer, startServer } from './support/server';

const cprLike = /\b\d{6}-?\d{4}\b/;
const addedSentence = 'Jeg har selv tilføjet denne sætning, før svaret blev sendt.';

/**
 * A citizen asks about bulky waste (storskrald) through the public form; once the classifier serves,
 * the inquiry is routed to the waste unit, whose caseworker logs in and opens it. Creating the case
 * here keeps the test independent of which demo cases happen to be open on the day it runs.
 */
async function openStorskraldCase(page: Page, server: RunningServer): Promise<string> {
  await expect
    .poll(async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { classifier: string }).classifier, { timeout: 90_000, interval: 500 })
    .toBe('ready');
  const res = await fetch(`${server.url}/api/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Rasmus Holm',
      email: 'rasmus.holm@borger.example',
      subject: 'Bestilling af storskrald',
      // The CPR number must never reach the model endpoint (checked against the test double below).
      body: 'Hej, jeg skal af med en gammel sofa og et køleskab. Hvordan bestiller jeg storskrald til Skolevej 12? Mit CPR-nummer er 010190-1237.',
    }),
  });
  expect(res.status).toBe(201);
  const { caseNumber } = (await res.json()) as { caseNumber: string };
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Brugernavn').fill('affald');
  await page.getByLabel('Adgangskode').fill('ekspedit-demo');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByTestId('case-row').first().waitFor();
  await page.goto(`${server.url}/sager/${caseNumber}`);
  await page.getByTestId('draft-button').waitFor();
  return caseNumber;
}

/** Records every text the live draft region shows, so a test can tell the draft streamed in. */
async function watchStream(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { streamed: string[] };
    w.streamed = [];
    const region = document.querySelector('[data-testid="draft-stream"]');
    if (!region) throw new Error('no draft-stream region');
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text) w.streamed.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

async function streamedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
}

/** Asks for a draft and waits for it to be shown sentence by sentence. */
async function requestDraft(page: Page): Promise<void> {
  await watchStream(page);
  await page.getByTestId('draft-button').click();
  await page.getByTestId('draft-sentence').first().waitFor();
  const streamed = await streamedTexts(page);
  expect(streamed.length).toBeGreaterThan(0);
  expect(streamed.at(-1)?.length ?? 0).toBeGreaterThan(20);
}

/** Opens the first citation, checks the passage shows its text, and closes it with Escape. */
async function openAndCloseCitation(page: Page): Promise<void> {
  const citation = page.getByTestId('citation').first();
  await citation.click();
  const passage = page.getByTestId('source-passage');
  await passage.getByTestId('source-passage-text').waitFor();
  expect(((await passage.getByTestId('source-passage-text').textContent()) ?? '').length).toBeGreaterThan(20);
  await page.keyboard.press('Escape');
  await expect.poll(() => passage.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  // Focus returns to the marker that opened the passage.
  expect(await citation.evaluate((el) => el === document.activeElement)).toBe(true);
}

/** Copies the draft into the reply field, adds a sentence, sends, and finds the edited reply in the timeline. */
async function useEditAndSend(page: Page): Promise<void> {
  await page.getByTestId('use-draft').click();
  const field = page.getByTestId('reply-text');
  const draftText = await field.inputValue();
  expect(draftText.length).toBeGreaterThan(20);
  await field.fill(`${draftText}\n\n${addedSentence}`);
  await page.getByTestId('send-reply').click();
  await page.locator('[data-testid="timeline-item"][data-activity="message.sent"]').waitFor();
  const messages = await page.getByTestId('message').allTextContents();
  expect(messages.some((m) => m.includes(addedSentence))).toBe(true);
}

describe('a caseworker drafts a reply with the offline engine', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('streams a draft with citations on a storskrald case', async () => {
    await openStorskraldCase(page, server);
    await requestDraft(page);
    expect(await page.getByTestId('draft-engine').textContent()).toContain('Udkast fra offline-motoren');
    expect(await page.getByTestId('citation').count()).toBeGreaterThan(0);
  });

  it('opens a cited passage and closes it again; the page has no WCAG 2.1 A/AA violations', async () => {
    await openAndCloseCitation(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('uses the draft, edits it and sends it', async () => {
    await useEditAndSend(page);
  });

  it('has a knowledge-base page with search and click-through (no violations)', async () => {
    await page.getByRole('link', { name: 'Vidensbase' }).click();
    await page.waitForURL(/\/viden/);
    await page.getByTestId('kb-source').first().waitFor();
    await page.getByTestId('kb-query').fill('storskrald');
    await page.getByTestId('kb-search-submit').click();
    await page.waitForURL(/q=storskrald/);
    await page.getByTestId('kb-result').first().waitFor();
    expect(await page.locator('[data-testid="kb-result"] mark').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('kb-result').first().getByRole('button').click();
    await page.getByTestId('source-passage-text').waitFor();
    await page.keyboard.press('Escape');
  });
});

describe('a caseworker drafts a reply with a language model (OpenAI-compatible test double)', () => {
  let double: OpenAiTestDouble;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    double = await startDraftingTestDouble();
    server = await startServer({
      env: { EKSPEDIT_LLM_BASE_URL: double.baseUrl, EKSPEDIT_LLM_MODEL: 'test-double', EKSPEDIT_LLM_API_KEY: 'x', EKSPEDIT_LLM_TRUST: 'external' },
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await double?.close();
  });

  it('streams the model draft, labelled as such, with the unsupported sentence marked', async () => {
    await openStorskraldCase(page, server);
    await requestDraft(page);
    expect(await page.getByTestId('draft-engine').textContent()).toContain('Udkast fra sprogmodel test-double');
    const unsupported = page.locator('[data-testid="draft-sentence"][data-supported="false"]');
    expect(await unsupported.count()).toBe(1);
    const marked = (await unsupported.first().textContent()) ?? '';
    expect(marked).toContain(unsupportedSentence);
    expect(marked).toContain('Ikke understøttet af kilderne');
    expect(await page.locator('[data-testid="draft-sentence"][data-supported="true"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('citation').count()).toBeGreaterThan(0);
  });

  it('opens a cited passage; no violations with the marked sentence', async () => {
    await openAndCloseCitation(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('uses the draft, edits it and sends it', async () => {
    await useEditAndSend(page);
  });

  it('sent no CPR-like number to the model endpoint', () => {
    const chats = double.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats.length).toBeGreaterThan(0);
    for (const r of chats) expect(r.raw).not.toMatch(cprLike);
  });
});
