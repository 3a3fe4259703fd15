import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const map = '[data-testid="process-map"]';
const ready = (metric: 'frequency' | 'time') => `${map}[data-status="ready"][data-metric="${metric}"] svg`;
// An edge label in time units as the Danish map writes them: "0 min", "20,1 t", "2,4 d".
const timeLabel = /^\d+(,\d+)? (min|t|d)$/;

/** The texts of the arrow labels drawn in the map. */
function edgeLabels(page: Page): Promise<string[]> {
  return page.locator(`${map} g.edge text`).allTextContents();
}

describe('an analyst studies where the demo municipality’s cases wait', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let edgesAtFull = 0;

  beforeAll(async () => {
    // A fresh data directory: the server seeds the demo municipality and its case history.
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'da-DK',
      timezoneId: 'Europe/Copenhagen',
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the process map of all the municipality’s cases (no WCAG 2.1 A/AA violations)', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('admin');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('link', { name: 'Procesanalyse' }).click();
    await page.waitForURL(/\/proces$/);
    await page.locator(ready('frequency')).waitFor({ timeout: 60_000 });

    const svg = page.locator(`${map} svg`);
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.getAttribute('aria-label')).toMatch(/proceskort med \d+ aktiviteter og \d+ forbindelser for \d+ sager/);
    const cases = Number((await page.locator('[data-figure="cases"] dd').textContent())?.replace(/\./g, ''));
    expect(cases).toBeGreaterThan(100);
    edgesAtFull = await page.locator(`${map} g.edge`).count();
    expect(edgesAtFull).toBeGreaterThan(5);
    expect((await edgeLabels(page)).every((text) => /^\d+$/.test(text))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows fewer paths when the path slider is moved down with the keyboard', async () => {
    const slider = page.getByTestId('path-slider');
    await slider.focus();
    for (let i = 0; i < 6; i++) await slider.press('ArrowLeft');
    expect(await slider.inputValue()).toBe('70');
    await page.waitForURL(/paths=70/);
    await page.waitForFunction(
      ({ selector, before }) => document.querySelectorAll(selector).length < before,
      { selector: `${map}[data-status="ready"] g.edge`, before: edgesAtFull },
      { timeout: 30_000 },
    );
    const edges = await page.locator(`${map} g.edge`).count();
    expect(edges).toBeLessThan(edgesAtFull);
    expect(edges).toBeGreaterThan(0);
    // Focus stays on the slider while the map redraws.
    expect(await slider.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('switches the arrows to times', async () => {
    await page.getByTestId('metric-time').check();
    await page.locator(ready('time')).waitFor();
    const labels = await edgeLabels(page);
    expect(labels.some((text) => timeLabel.test(text))).toBe(true);
  });

  it('finds the longest wait, opens the cases behind it, and goes to one of them', async () => {
    const rows = page.getByTestId('wait-row');
    expect(await rows.count()).toBeGreaterThan(0);
    // Ranked by what the waiting costs in working days, the longest first.
    const totals = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-total-working-days'))))) as number[];
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    const longest = rows.first();
    expect(await longest.getByTestId('wait-cost').textContent()).toMatch(/^koster [\d.,]+ arbejdsdage$/);

    const toggle = longest.getByTestId('wait-toggle');
    expect(await toggle.textContent()).toMatch(/^Se sagerne/);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const cases = page.getByTestId('wait-cases').first();
    await cases.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const link = cases.getByRole('link').first();
    const caseNumber = (await link.textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{4}-\d{6}$/);
    await link.click();
    await page.waitForURL(new RegExp(`/sager/${caseNumber}$`));
    await page.getByTestId('timeline').waitFor();
    expect(await page.locator('h1').textContent()).toBeTruthy();

    // Back to the same view: the sliders and the metric are kept in the address.
    await page.goBack();
    await page.waitForURL(/\/proces\?/);
    await page.locator(ready('time')).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('path-slider').inputValue()).toBe('70');
  });

  it('opens the conformance section: fitness against the workflow and deadline breaches', async () => {
    const toggle = page.getByTestId('conformance-toggle');
    await toggle.focus();
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-testid="conformance-result"][data-status="ready"] [data-figure="fitness"] dd').waitFor({ timeout: 60_000 });
    const fitness = Number((await page.locator('[data-testid="conformance-figures"] [data-figure="fitness"] dd').textContent())?.replace(',', '.'));
    expect(fitness).toBeGreaterThan(0.9);
    expect(fitness).toBeLessThanOrEqual(1);
    await page.getByTestId('deadline-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('deadline-row').first().getByRole('link').textContent()).toMatch(/^\d{4}-\d{6}$/);
    expect(await page.locator('[data-testid="deadline-figures"] [data-figure="breach-rate"] dd').textContent()).toMatch(/%/);
    expect(await axeViolations(page)).toEqual([]);

    // A rule a process owner writes: every case must get a reply sent.
    await page.getByTestId('rule-type').selectOption('must_happen');
    await page.getByTestId('rule-a').selectOption('message.sent');
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rules-run').click();
    const result = page.getByTestId('rule-result').first();
    await result.waitFor();
    // Unanswered demo cases break it.
    expect(Number(await result.getByTestId('rule-violations').textContent())).toBeGreaterThan(0);
    expect(await result.getByRole('link').first().textContent()).toMatch(/^\d{4}-\d{6}$/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('exports the map as SVG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(download.suggestedFilename()).toMatch(/^proceskort-\d{4}-\d{2}-\d{2}\.svg$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('class="edge"');
    expect(text).toContain('<title>');
  });
});
