import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/** Issue 8, memos: a memo drafted from the committee template out of earlier cases, approved, downloaded as DOCX. */
describe('a memo from the committee template', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context, page } = await signIn(browser, server.url, 'sekretariat'));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('drafts the sections with citations from two earlier cases, approves the text, and downloads the DOCX', async () => {
    // Two earlier politicians' questions of the register are the sources; the memo case is registered by the secretariat.
    const made = await page.evaluate(async () => {
      const headers = { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' };
      const register = (await (await fetch('/api/public/politics/register')).json()) as { items: { number: string; question: string }[] };
      const sources = register.items.filter((i) => /cykel|trafik|skole/i.test(i.question)).slice(0, 2);
      const r = await fetch('/api/cases', {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'memo', title: 'Trafiksikkerhed ved skoler', body: 'Notat til Teknik- og Miljøudvalget om trafiksikkerhed ved skoler.' }),
      });
      return { status: r.status, number: ((await r.json()) as { case: { number: string } }).case.number, sources: sources.map((s) => s.number) };
    });
    expect(made.status).toBe(201);
    expect(made.sources).toHaveLength(2);
    await page.goto(`${server.url}/sager/${made.number}`);
    await page.getByTestId('memo-template').selectOption('committee');
    await page.getByTestId('memo-question').fill('Hvordan gør vi skolevejene mere sikre for cyklister?');
    await page.getByTestId('memo-cases').fill(made.sources.join(', '));
    await page.getByTestId('memo-submit').click();
    await page.getByTestId('memo-section').first().waitFor();
    const sections = await page.getByTestId('memo-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect(sections.length).toBe(5);
    expect(await page.getByTestId('memo-sources').locator('li').count()).toBeGreaterThanOrEqual(2);

    // The memo text is the case's working reply: approved like any reply, and never mailed.
    await page.getByTestId('approve-reply').waitFor();
    await expect.poll(() => page.getByTestId('approve-reply').isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('send-reply').count()).toBe(0);
    await page.getByTestId('approve-reply').click();
    await expect.poll(() => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('memo-docx').click()]);
    const text = (await mammoth.extractRawText({ path: await download.path() })).value;
    expect(text).toContain('Indstilling');
    expect(text).toContain('Videre proces');
    expect(text).toMatch(/\[1\]/);
  });
});
