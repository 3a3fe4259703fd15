import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const INVALID_TRANSITION_DA = 'Skridtet er ikke muligt i sagens nuværende tilstand.';

describe('bad input gets a Danish message in the UI, and nothing accepted is lost', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'da-DK' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says in Danish that the password was wrong', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('sagsbehandler');
    await page.getByLabel('Adgangskode').fill('forkert-kode');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toContain('Forkert brugernavn eller adgangskode');
  });

  it('keeps an unreadable EML on a flagged case and says so in Danish', async () => {
    await page.getByLabel('Brugernavn').fill('post');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/import`);
    await page.getByLabel('EML-filer').setInputFiles([
      {
        name: 'god.eml',
        mimeType: 'message/rfc822',
        buffer: Buffer.from('From: Kim <kim@borger.example>\r\nSubject: Affald\r\n\r\nHvornår tømmes containeren?\r\n'),
      },
      { name: 'ødelagt.eml', mimeType: 'message/rfc822', buffer: Buffer.from([0, 1, 2, 3, 0xff, 0xfe]) },
    ]);
    await page.getByRole('button', { name: 'Importér' }).click();
    const results = page.getByTestId('import-result');
    await expect
      .poll(async () => (await results.allTextContents()).join(' | '))
      .toMatch(/Oprettet som sag \d{4}-\d{6}.*Mailen kunne ikke læses\. Den er gemt og markeret til manuel behandling på sag \d{4}-\d{6}/);
    expect(await axeViolations(page)).toEqual([]);

    // The raw bytes of the unreadable file are on the flagged case.
    const text = (await results.allTextContents()).join(' ');
    const flagged = /manuel behandling på sag (\d{4}-\d{6})/.exec(text)?.[1];
    const detail = await page.evaluate(async (n) => (await fetch(`/api/cases/${n}`)).json(), flagged);
    expect(detail.case.flags).toContain('unparsed_source');
    expect(detail.messages[0].hasRaw).toBe(true);
  });

  it('explains a failed transition in Danish on the case page', async () => {
    // A stale page: the case is moved on behind the user's back, then the user clicks the old button.
    await page.evaluate(async () => {
      await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
        body: JSON.stringify({ username: 'admin', password: 'ekspedit-demo' }),
      });
    });
    // A citizen inquiry just received: its workflow can be closed from here (an access request or a
    // politician's question cannot), whatever the demo's random backlog puts first.
    await page.goto(`${server.url}/?state=received&kind=citizen_inquiry`);
    const row = page.getByTestId('case-row').first();
    await row.waitFor();
    const number = await row.getAttribute('data-case-number');
    await page.goto(`${server.url}/sager/${number}`);
    await page.getByTestId('timeline').waitFor();
    const button = page.locator('[data-transition="close"]');
    await button.waitFor();
    expect(await button.count()).toBe(1);
    await page.evaluate(async (n) => {
      const d = await (await fetch(`/api/cases/${n}`)).json();
      await fetch(`/api/cases/${d.case.id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
        body: JSON.stringify({ transition: 'close' }),
      });
    }, number);
    await button.click();
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toContain(INVALID_TRANSITION_DA);
  });
});
