import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedDocumentSet, writeDocumentSet } from '../packages/ai/test/support/document-set';
import { openDatabase } from '../packages/db/src/open';
import { buildUser } from '../packages/db/test/support/factories';
import { axeViolations, launchBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/** Every file under a folder (the generator writes reports, minutes and memos into subfolders). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    })
    .sort();
}

/**
 * Issue 7 in the browser: a thousand-page set of PDFs, Word documents and Markdown is uploaded,
 * indexed in the background with a moving progress bar and time left, asked about (the answer
 * cites the planted fact's document, page and paragraph) and summarised; a second indexing run is
 * cancelled. The page has no WCAG 2.1 A/AA violations.
 */
describe('questions over a document set in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let generated: GeneratedDocumentSet;
  let files: string[];

  beforeAll(async () => {
    // The demo municipality takes most of a minute to seed and this journey needs none of it:
    // the data directory gets only the demo's analyst (same name and password), and the server
    // starts without the demo.
    const dataDir = mkdtempSync(join(tmpdir(), 'ekspedit-e2e-'));
    const setup = await openDatabase({ dataDir, purpose: 'e2e setup' });
    await setup.migrate();
    await buildUser(setup, { username: 'analytiker', password: 'ekspedit-demo', roles: ['analyst'], displayName: 'Kasper Nørgaard' });
    await setup.close();
    [generated, server, browser] = await Promise.all([
      writeDocumentSet(mkdtempSync(join(tmpdir(), 'ekspedit-e2e-docs-')), { pages: 1000 }),
      startServer({ dataDir, env: { EKSPEDIT_SEED_DEMO: 'false' } }),
      launchBrowser(),
    ]);
    files = filesUnder(generated.dir);
    context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('analytiker');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('link', { name: 'Dokumenter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spørg dokumenter' }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function createSetAndUpload(name: string): Promise<void> {
    await page.getByLabel('Navn på sættet').fill(name);
    await page.getByRole('button', { name: 'Opret sæt' }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('upload-button').click();
    await page.getByText(/Upload færdig/).waitFor({ timeout: 60_000 });
  }

  /** Samples the progress bar until the run ends: its values and the words beside it. */
  async function followProgress(until: () => Promise<boolean>, timeoutMs = 60_000) {
    const values: number[] = [];
    const texts: string[] = [];
    const bar = page.getByRole('progressbar', { name: 'Indeksering' });
    const deadline = Date.now() + timeoutMs;
    while (!(await until())) {
      if (Date.now() > deadline) throw new Error(`indexing did not finish; seen ${values.join(', ')}`);
      const [value, text] = await Promise.all([
        bar.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null),
        page
          .getByTestId('progress-text')
          .textContent({ timeout: 200 })
          .catch(() => null),
      ]);
      if (value !== null) values.push(Number(value));
      if (text) texts.push(text);
      await page.waitForTimeout(100);
    }
    return { values, texts };
  }

  it('uploads a thousand-page set, indexes it with a moving progress bar, and answers with document, page and paragraph', async () => {
    expect(generated.totalPages).toBeGreaterThanOrEqual(1000);
    await createSetAndUpload('Rapporter, notater og referater');
    // The spreadsheet is refused with a reason; everything else is in the set.
    const refused = page.locator('[data-testid="upload-result"][data-status="failed"]');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('budgetoversigt.xlsx');
    expect(await page.locator('[data-testid="upload-result"][data-status="uploaded"]').count()).toBe(files.length - 1);
    expect(await page.getByTestId('ask-button').isDisabled()).toBe(true);

    await page.getByTestId('index-job-start').click();
    const outcome = page.getByTestId('index-job-outcome');
    const { values, texts } = await followProgress(async () => (await outcome.count()) > 0);
    expect(await outcome.getAttribute('data-status')).toBe('done');
    expect(await outcome.textContent()).toMatch(/Færdig: .* sider er indekseret/);
    // The bar moved forward, never back, and showed the percentage and the time left.
    expect(
      values.some((v) => v > 0 && v < 100),
      `values seen: ${values.join(', ')}`,
    ).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(
      texts.some((t) => /\d+ % · [\d.]+ af [\d.]+ sider · ca\. \d+ (min )?(\d+ s )?tilbage|ca\. \d+ s tilbage/.test(t)),
      texts.join(' | '),
    ).toBe(true);

    const fact = generated.facts.find((f) => f.id === 'nordskolen') ?? generated.facts[0];
    if (!fact) throw new Error('the generator planted no facts');
    await expect.poll(() => page.getByTestId('ask-button').isEnabled()).toBe(true);
    await page.getByLabel('Dit spørgsmål').fill(fact.question);
    await page.getByTestId('ask-button').click();
    const first = page.getByTestId('citation').first();
    await first.waitFor();
    expect(await page.getByTestId('answer-sentences').textContent()).toContain(fact.expect);
    expect({
      document: await first.getAttribute('data-document'),
      page: Number(await first.getAttribute('data-page')),
      paragraph: Number(await first.getAttribute('data-paragraph')),
    }).toEqual({ document: basename(fact.document), page: fact.page, paragraph: fact.paragraph });
    expect(await first.textContent()).toContain(`${basename(fact.document)}, side ${fact.page}, afsnit ${fact.paragraph}`);

    // Summaries of each document and across the set, as a second job.
    await page.getByTestId('summaries-job-start').click();
    await page.getByTestId('summary-overall').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('summary-document').count()).toBeGreaterThanOrEqual(7);

    expect(await axeViolations(page)).toEqual([]);
  });

  it('cancels a second indexing run, keeping what was read', async () => {
    await createSetAndUpload('Arkivet');
    await page.getByTestId('index-job-start').click();
    const bar = page.getByRole('progressbar', { name: 'Indeksering' });
    await expect
      .poll(async () => Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? 0), { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(0);
    await page.getByTestId('cancel-job').click();
    const outcome = page.getByTestId('index-job-outcome');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.getAttribute('data-status')).toBe('cancelled');
    expect(await outcome.textContent()).toContain('annulleret');
    expect(await bar.count()).toBe(0);
    expect(await page.getByTestId('ask-button').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
