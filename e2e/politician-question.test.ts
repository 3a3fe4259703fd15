import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 8, done when 1: the secretariat registers a politician's question with two sub-questions,
 * drafts the answer from a precedent it finds, team lead and director approve, the letter is
 * produced, and the deadline overview shows the question answered on time.
 */
describe("a politician's question from registration to answer letter", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let caseNumber = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loginAs(username: string): Promise<void> {
    await context?.close();
    ({ context, page } = await signIn(browser, server.url, username));
  }

  it('an admin sets the chain for politicians’ answers to caseworker → team lead → director', async () => {
    await loginAs('admin');
    const result = await page.evaluate(async () => {
      const current = (await (await fetch('/api/policy')).json()) as { current: Record<string, unknown> & { version: number } };
      const { version, createdAt, createdBy, createdByName, comment, ...document } = current.current;
      const r = await fetch('/api/policy', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
        body: JSON.stringify({
          document: { ...document, approvalChains: { politician_question: ['caseworker', 'team_lead', 'director'] } },
          comment: 'Direktøren godkender svar til politikere',
          expectedVersion: version,
        }),
      });
      return r.status;
    });
    expect(result).toBe(200);
  });

  it('the secretariat registers a question with two sub-questions and finds a precedent', async () => {
    await loginAs('sekretariat');
    await page.getByRole('link', { name: 'Politikerspørgsmål' }).click();
    await page.getByTestId('new-question').click();
    await page.getByLabel('Emne', { exact: true }).fill('Cykeluheld i krydset Ringvejen/Storegade');
    await page.getByLabel('Spørger', { exact: true }).fill('Mette Jensen (A)');
    await page.getByLabel('Spørgerens e-mail (svaret sendes hertil)').fill('mette@byraad.example');
    await page.getByLabel('Udvalg', { exact: true }).fill('Teknik- og Miljøudvalget');
    await page.getByLabel('Spørgsmål 1').fill('Hvor mange uheld med cyklister har der været i krydset Ringvejen/Storegade?');
    await page.getByTestId('add-sub-question').click();
    await page.getByLabel('Spørgsmål 2').fill('Hvad vil forvaltningen gøre for at gøre krydset mere sikkert for cyklister?');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('register-question').click();
    await page.waitForURL(/\/sager\/\d{4}-\d{6}/);
    caseNumber = page.url().split('/').pop() ?? '';
    await page.getByTestId('sub-questions').locator('li').nth(1).waitFor();
    expect(await page.getByTestId('sub-questions').locator('li').count()).toBe(2);

    const precedent = page.getByTestId('precedent').first();
    await precedent.waitFor();
    expect(await precedent.getAttribute('data-match')).toBe('strong');
    expect(await precedent.textContent()).toContain('krydset Ringvejen/Storegade');
    // The unit drafts from what was answered before, brought up to date.
    await precedent.getByTestId('use-precedent').click();
    const text = await page.getByTestId('reply-text').inputValue();
    expect(text).toContain('14 uheld med cyklister');
    await page
      .getByTestId('reply-text')
      .fill(`Kære Mette Jensen\n\nAd 1 og 2: ${text}\n\nTallene for 2023–2025 følger i et særskilt notat.\n\nVenlig hilsen\nPolitisk Sekretariat`);
    await page.getByTestId('save-reply').click();
    await expect.poll(() => page.getByTestId('approve-reply').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('approve-reply').click();
    await expect.poll(() => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the team lead and the director approve; the secretariat sends; the letter and the overview show it', async () => {
    await loginAs('sekretariatschef');
    await page.goto(`${server.url}/sager/${caseNumber}`);
    await page.getByTestId('approve-reply').click();
    await expect.poll(() => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(2);

    await context?.close();
    context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('direktoer');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/sager/${caseNumber}`);
    await page.getByTestId('approve-reply').click();
    await expect.poll(() => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(3);

    await loginAs('sekretariat');
    await page.goto(`${server.url}/sager/${caseNumber}`);
    await page
      .getByRole('checkbox', { name: 'Markér som besvaret' })
      .check({ timeout: 2000 })
      .catch(() => undefined);
    await page.getByTestId('send-reply').click();
    await page.locator('[data-testid="timeline-item"][data-activity="message.sent"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-docx').click()]);
    const path = await download.path();
    const letter = (await mammoth.extractRawText({ path })).value;
    expect(letter).toContain('Mette Jensen (A)');
    expect(letter).toContain('2. Hvad vil forvaltningen gøre for at gøre krydset mere sikkert for cyklister?');
    expect(letter).toContain('14 uheld med cyklister');
    expect(letter).toMatch(/Direktør: Lone Vestergaard/);

    await page.getByRole('link', { name: 'Politikerspørgsmål' }).click();
    const row = page.locator(`[data-testid="politics-row"][data-case-number="${caseNumber}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('answered_on_time');
    expect(await axeViolations(page)).toEqual([]);
  });
});
