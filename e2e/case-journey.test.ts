import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server';

describe('a caseworker answers an inquiry in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // A fresh data directory: the server creates the database and seeds the demo, as on first start.
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in (login page has no WCAG 2.1 A/AA violations)', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Brugernavn').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Brugernavn').fill('sagsbehandler');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('case-row').first().waitFor();
  });

  it('shows the inbox of the unit, filterable by state (no violations)', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: 'Modtaget', exact: true }).check();
    await page.getByRole('button', { name: 'Anvend filtre' }).click();
    await page.waitForURL(/state=received/);
    await page.getByTestId('case-row').first().waitFor();
    const states = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((text) => text.includes('Modtaget'))).toBe(true);
  });

  it('opens a case, sends a reply, and finds the reply and the state change in the timeline', async () => {
    const row = page.getByTestId('case-row').first();
    const caseNumber = await row.getAttribute('data-case-number');
    expect(caseNumber).toMatch(/^\d{4}-\d{6}$/);
    await row.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/sager/${caseNumber}`));
    await page.getByTestId('timeline').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.getByTestId('case-state').getAttribute('data-state')).toBe('received');

    await page
      .getByLabel('Svar', { exact: true })
      .fill('Kære borger\n\nTak for din henvendelse. Vi har registreret den og vender tilbage.\n\nVenlig hilsen\nMette Sørensen');
    await page.getByRole('checkbox', { name: 'Markér som besvaret' }).check();
    await page.getByTestId('send-reply').click();

    await page.locator('[data-testid="timeline-item"][data-activity="message.sent"]').waitFor();
    await page.locator('[data-testid="case-state"][data-state="answered"]').waitFor();
    const changes = await page.locator('[data-testid="timeline-item"][data-activity="state.changed"]').allTextContents();
    expect(changes.some((t) => t.includes('Besvaret'))).toBe(true);
    const sent = await page.getByTestId('message').allTextContents();
    expect(sent.some((t) => t.includes('Tak for din henvendelse. Vi har registreret den'))).toBe(true);

    // The embedded default delivered the reply as an .eml file into the outbox.
    expect(readdirSync(join(server.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });

  it('shows a Danish message for a bad transition instead of failing silently', async () => {
    // The state moved on in another tab; the stale button now gets a stable error code back.
    const res = await page.evaluate(async () => {
      const r = await fetch(`/api/cases/${location.pathname.split('/').pop()}`, { headers: { accept: 'application/json' } });
      const detail = (await r.json()) as { case: { id: string } };
      const t = await fetch(`/api/cases/${detail.case.id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
        body: JSON.stringify({ transition: 'start' }),
      });
      return { status: t.status, body: (await t.json()) as { error: { code: string } } };
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });
});
