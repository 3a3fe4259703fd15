import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const DAY = 86_400_000;
const copenhagenDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * DAY),
  );

/**
 * Issue 9, done when: every employee opens each measured-value dashboard on the demo data, filters by
 * unit and period, opens a chart's table view and downloads the monthly report; axe finds nothing.
 */
describe('measured value in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A fresh data directory: the server seeds six months of the demo, the older half without AI.
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loginAs(username: string): Promise<void> {
    await context?.close();
    // Every role has the menu link, also those with an empty inbox (the analyst).
    ({ context, page } = await signIn(browser, server.url, username, {
      viewport: { width: 1280, height: 900 },
      isReady: (p) => p.getByRole('link', { name: 'Målt værdi' }).waitFor(),
    }));
  }

  const ready = (section: string) => page.locator(`[data-testid="${section}-section"][data-status="ready"]`).waitFor({ timeout: 30_000 });

  it('a caseworker opens the efficiency dashboard: conclusions, figures with intervals and n, accessible charts', async () => {
    await loginAs('sagsbehandler');
    await page.getByRole('link', { name: 'Målt værdi' }).click();
    await page.waitForURL(/\/maaling$/);
    await ready('efficiency');
    expect(await page.getByTestId('conclusions').locator('li').count()).toBeGreaterThan(2);
    // Every headline figure comes with its interval and n, or says there is too little data.
    const handling = await page.locator('[data-testid="headline"] [data-figure="handling"]').textContent();
    expect(handling).toMatch(/\d+,\d arbejdsdage.*95 % KI \d+,\d – \d+,\d · n = \d+/);
    expect(await page.locator('[data-testid="headline"] [data-figure="hours"]').textContent()).toMatch(/timer|for få data/);
    const chart = page.getByTestId('chart-times').locator('svg[role="img"]');
    expect(await chart.locator('title').textContent()).toBe('Tid i arbejdsdage: basislinje og periode');
    expect(await chart.locator('desc').textContent()).toMatch(/Behandlingstid: Basislinje .*KI.*; Periode .*KI/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('filters by unit and period, and shows a chart as a table', async () => {
    const from = copenhagenDay(-120);
    const to = copenhagenDay(-31);
    const filters = page.getByTestId('measurement-filters');
    await filters.getByLabel('Enhed').selectOption('affald');
    await filters.getByLabel('Modtaget fra').fill(from);
    await filters.getByLabel('Modtaget til og med').fill(to);
    await filters.getByRole('button', { name: 'Vis tal' }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === 'affald' && url.searchParams.get('from') === from && url.searchParams.get('to') === to);
    await ready('efficiency');
    expect(await page.getByTestId('scope-text').textContent()).toMatch(/^Perioden \d+\. \w+ \d{4} – \d+\. \w+ \d{4} \(\d+ sager\) sammenlignet med/);
    // The per-unit chart holds the one unit chosen.
    const units = page.getByTestId('chart-units');
    expect(await units.locator('svg desc').textContent()).toMatch(/^Affald og Genbrug: /);

    const times = page.getByTestId('chart-times');
    await times.getByRole('button', { name: 'Vis som tabel' }).click();
    expect(await times.getAttribute('data-view')).toBe('table');
    const table = times.getByTestId('times-table');
    expect(await table.locator('caption').textContent()).toBe('Tid i arbejdsdage: basislinje og periode');
    expect(await table.locator('tbody tr').count()).toBe(5);
    const first = await table.locator('tbody tr').first().textContent();
    expect(first).toMatch(/Tid til første svar.*(95 % KI|for få data)/);
    // Focus stays on the toggle, which now offers the chart back.
    expect(await times.getByRole('button', { name: 'Vis som diagram' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // The same table as CSV, as Danish spreadsheets read it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-figures').first().click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFFMål;Basislinje;')).toBe(true);
    expect(download.suggestedFilename()).toBe(`maaling-effektivitet-figures-${from}-${to}.csv`);
  });

  it('opens AI quality, equal treatment and the employees’ voice with the filter kept (no WCAG 2.1 A/AA violations)', async () => {
    await page.getByRole('link', { name: 'AI-kvalitet' }).click();
    await page.waitForURL((url) => url.searchParams.get('section') === 'quality' && url.searchParams.get('unit') === 'affald');
    await ready('quality');
    expect(await page.getByTestId('conclusions').locator('li').count()).toBeGreaterThan(0);
    const versions = page.getByTestId('chart-draft-versions');
    await versions.getByRole('button', { name: 'Vis som tabel' }).click();
    expect(await versions.locator('table caption').textContent()).toBe('Udkast sendt uændret pr. model- og promptversion');
    expect(await axeViolations(page)).toEqual([]);

    // Back to the whole municipality over the default period for the rest.
    await page.getByRole('button', { name: 'Nulstil' }).click();
    await page.waitForURL(/\/maaling\?section=quality$/);
    await page.getByRole('link', { name: 'Ligebehandling' }).click();
    await ready('bias');
    expect(await page.getByTestId('conclusions').textContent()).toMatch(/sammenligninger/);
    expect(await page.getByTestId('bias-channel').locator('svg desc').textContent()).toMatch(/E-mail: .*n = \d+/);
    expect(await axeViolations(page)).toEqual([]);

    // A rating given on the AI page's API shows up in the stream of the rater's unit.
    const rated = await page.evaluate(async () => {
      const r = await fetch('/api/ratings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
        body: JSON.stringify({ targetType: 'draft', rating: 'up', reason: 'good', comment: 'Godt udkast til rykkerbrev' }),
      });
      return r.status;
    });
    expect(rated).toBe(201);
    await page.getByRole('link', { name: 'Medarbejdernes stemme' }).click();
    await ready('voice');
    expect(await page.locator('[data-testid="headline"] [data-figure="ratings"] dd').first().textContent()).toBe('1');
    expect(await page.getByTestId('ratings-stream').textContent()).toContain('Godt udkast til rykkerbrev');
    expect(await page.getByTestId('pulse').textContent()).toContain('endnu ikke bygget');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('downloads the monthly report as DOCX with the hours saved and the conclusions', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^maalt-vaerdi-\d{4}-\d{2}\.docx$/);
    const text = (await mammoth.extractRawText({ path: (await download.path()) ?? '' })).value;
    expect(text).toMatch(/Målt værdi – månedsrapport for \w+ \d{4}/);
    expect(text).toMatch(/Timer sparet i måneden: (-?[\d.]+ timer? \(95 % KI -?[\d.]+ – -?[\d.]+; n = \d+\)|for få data)/);
    expect(text).toMatch(/Behandlingstid \(arbejdsdage\): \d+,\d \(95 % KI \d+,\d – \d+,\d; n = \d+\)/);
    for (const heading of ['Effektivitet', 'AI-kvalitet', 'Ligebehandling', 'Medarbejdernes stemme']) expect(text).toContain(heading);
  });

  it('an analyst reads the same dashboards', async () => {
    await loginAs('analytiker');
    await page.goto(`${server.url}/maaling?section=bias`);
    await ready('bias');
    expect(await page.getByRole('link', { name: 'Ligebehandling' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('link', { name: 'Effektivitet' }).click();
    await ready('efficiency');
    expect(await page.getByTestId('hours-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
  });
});
