import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const dataset = fileURLToPath(new URL('../eval/datasets/consultation/', import.meta.url));

/**
 * Issue 7, done when: a browser test imports a consultation, reviews and approves themes, corrects
 * two assignments (the live F1 updates), and downloads the memo; the DOCX opens and contains the
 * counts and quotes.
 */
describe('consultations in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context, page } = await signIn(browser, server.url, 'sagsbehandler'));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  const quality = () => page.getByTestId('quality-box');
  const reviewed = async () => Number(await quality().getAttribute('data-reviewed'));

  /** Opens the correction of a response, lets `choose` set themes and stance, saves, and waits for the review to count. */
  async function correct(responseId: string, expectedReviewed: number, choose: (form: ReturnType<Page['getByTestId']>) => Promise<void>) {
    const row = page.locator(`[data-testid="response-row"][data-response-id="${responseId}"]`);
    await row.getByTestId('correct-button').click();
    const form = page.getByTestId('correction-form');
    await form.waitFor();
    await choose(form);
    await form.getByTestId('correction-save').click();
    await page.locator(`[data-testid="quality-box"][data-reviewed="${expectedReviewed}"]`).waitFor();
    await page.locator(`[data-testid="response-row"][data-response-id="${responseId}"][data-reviewed="true"]`).waitFor();
    // Focus goes back to the button that opened the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('correct-button');
  }

  it('imports, reviews and approves themes, corrects two assignments with the live F1 following, and downloads the memo', async () => {
    await page.getByRole('link', { name: 'Høringer', exact: true }).click();
    await page.getByLabel('Titel på forslaget').fill('Lukning af Nørremark Skole');
    await page.getByLabel('Forslaget (valgfrit)').fill('Børne- og Skoleudvalget foreslår, at Nørremark Skole lukkes, og at eleverne flytter til Vestbyskolen.');
    await page.getByTestId('consultation-file').setInputFiles(`${dataset}responses.jsonl`);
    await page.getByTestId('consultation-import').click();
    // The analysis runs within the request; the page says it is working until it is done.
    await page.getByTestId('theme-card').first().waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/\/hoeringer\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('consultation-summary').textContent()).toContain('105 svar');
    expect(await page.getByTestId('consultation-engine').textContent()).toContain('offline');
    // Campaigns are counted once, with their size.
    expect(await page.getByTestId('campaign-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-size')))).toEqual(['14', '5']);
    expect(await reviewed()).toBe(0);
    await page.getByTestId('quality-none').waitFor();
    const cards = page.getByTestId('theme-card');
    expect(await cards.count()).toBeGreaterThan(3);
    expect(await cards.evaluateAll((cs) => cs.every((c) => c.getAttribute('data-status') === 'proposed'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Rename the first proposed theme, then approve them all and assign the responses to them.
    const first = cards.first();
    const firstId = await first.getAttribute('data-theme-id');
    await first.getByTestId('theme-rename').click();
    await first.getByTestId('theme-name-input').fill('Skolevej og transport');
    await first.getByTestId('theme-save').click();
    const renamed = page.locator(`[data-testid="theme-card"][data-theme-id="${firstId}"]`);
    await expect.poll(() => renamed.getByTestId('theme-name').textContent()).toBe('Skolevej og transport');
    await page.getByTestId('approve-all').click();
    await expect.poll(() => cards.evaluateAll((cs) => cs.every((c) => c.getAttribute('data-status') === 'approved'))).toBe(true);
    await page.getByTestId('map-responses').click();
    await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' '), { timeout: 60_000 }).toContain('Svarene er fordelt');

    // First correction: the reviewer agrees with the AI on H001 — F1 1,00 on one response.
    await correct('H001', 1, async () => {});
    expect(await page.getByTestId('quality-reviewed').textContent()).toBe('1');
    expect(await page.getByTestId('quality-f1').textContent()).toBe('1,00');
    expect(await quality().getAttribute('data-f1')).toBe('1.0000');

    // Second correction: on H003 the reviewer picks only a theme the AI did not give — F1 falls to 0,50.
    const aiThemes = await page.locator('[data-testid="response-row"][data-response-id="H003"] [data-testid="ai-themes"] li').allTextContents();
    await correct('H003', 2, async (form) => {
      const boxes = form.getByTestId('correction-theme');
      for (const box of await boxes.all()) await box.uncheck();
      const names = await form.locator('.checkbox label').allTextContents();
      const other = names.find((n) => !aiThemes.includes(n));
      if (!other) throw new Error('every theme was assigned to H003');
      await form.getByLabel(other, { exact: true }).check();
      await form.getByTestId('correction-stance').selectOption('oppose');
    });
    expect(await page.getByTestId('quality-reviewed').textContent()).toBe('2');
    expect(await page.getByTestId('quality-f1').textContent()).toBe('0,50');
    expect(await page.getByTestId('quality-interval').textContent()).toMatch(/95 %-interval \d,\d\d–\d,\d\d/);
    expect(await quality().getAttribute('data-trustworthy')).toBe('false');
    expect(await page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('F1 er nu 0,50 på 2 gennemgåede svar'));
    expect(await axeViolations(page)).toEqual([]);

    // The memo: the theme with the most responses, its count, and a quote with its response id.
    const top = await cards.evaluateAll(
      (cs) =>
        cs
          .map((c) => ({
            name: c.querySelector('[data-testid="theme-name"]')?.textContent ?? '',
            count: Number(c.querySelector('[data-testid="theme-count"]')?.getAttribute('data-count')),
          }))
          .sort((a, b) => b.count - a.count)[0],
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('memo-download').click()]);
    expect(download.suggestedFilename()).toBe('hoeringsnotat-lukning-af-noerremark-skole.docx');
    const path = await download.path();
    const { value: text } = await mammoth.extractRawText({ path });
    expect(text).toContain('Høringsnotat (udkast)');
    expect(text).toContain(`${top?.name}: ${top?.count} svar`);
    expect(text).toContain('Skolevej og transport');
    expect(text).toMatch(/»[^«]{20,}« \(svar H\d{3}\)/);
    expect(text).toContain('Kampagne K1: 14 enslydende svar');
    expect(text).toContain('Der er modtaget 105 høringssvar');
    expect(text).toContain('på 2 svar, som en medarbejder har gennemgået');
  });
});
