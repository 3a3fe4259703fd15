import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const dataset = fileURLToPath(new URL('../eval/datasets/meetings/skoleudvalg-afstemning/', import.meta.url));
// The transcript as the file has it: a citation's line number is a line of the file.
const fileLines = readFileSync(`${dataset}transcript.srt`, 'utf8').split(/\r?\n/);

/**
 * Issue 8, done when: minutes are generated from an agenda and a transcript, a citation is
 * opened, one decision is edited (version marked human edit), and the DOCX is downloaded.
 */
describe('minutes in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Brugernavn').fill('sekretariat');
    await page.getByLabel('Adgangskode').fill('ekspedit-demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('link', { name: 'Referater', exact: true }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  const item = (n: number) => page.locator(`[data-testid="minutes-item"][data-number="${n}"]`);

  it('drafts minutes from an agenda and a transcript, shows a citation, saves an edited decision as a human edit, and downloads the DOCX', async () => {
    await page.getByRole('link', { name: 'Referater', exact: true }).click();
    await page.getByLabel('Dagsorden').setInputFiles(`${dataset}agenda.md`);
    await page.getByLabel('Udskrift eller noter').setInputFiles(`${dataset}transcript.srt`);
    await page.getByTestId('meeting-submit').click();

    // The meeting is stored and drafted, then its page opens with the first AI version.
    await item(2).waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/referater\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Børne- og Skoleudvalget');
    expect(await page.getByTestId('shown-version').textContent()).toBe('Version 1: AI – første udkast');
    expect(await page.getByTestId('version-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-origin')))).toEqual(['ai_initial']);
    expect(await page.getByTestId('absent').textContent()).toContain('Gustav Thorsen');
    expect(await page.getByTestId('minutes-item').count()).toBe(6);
    expect(await item(2).getByTestId('decision-text').textContent()).toBe('Indstillingen blev vedtaget.');
    expect(await item(2).getByTestId('votes').textContent()).toContain('For: 5, imod: 3, undlod: 0.');
    expect(await item(3).getByTestId('decision-text').textContent()).toBe('Forslaget er faldet.');
    expect(await item(4).getByTestId('decision').textContent()).toContain('Udsat');
    expect(await item(2).getByTestId('action-row').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // A citation opens on click and shows the cited transcript line; Escape closes it.
    const citation = item(2).getByTestId('decision').getByTestId('citation');
    const cited = Number(await citation.getAttribute('data-lines'));
    expect(cited).toBeGreaterThan(0);
    expect(await citation.getAttribute('aria-expanded')).toBe('false');
    await citation.click();
    const popover = item(2).getByTestId('citation-popover');
    await popover.waitFor();
    expect(await citation.getAttribute('aria-expanded')).toBe('true');
    expect(await popover.textContent()).toContain(fileLines[cited - 1]?.trim());
    expect(await popover.textContent()).toContain(`Linje ${cited}`);
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    // Hovering shows the lines too, and they go when the pointer leaves.
    await item(5).getByTestId('decision').getByTestId('citation').hover();
    await item(5).getByTestId('citation-popover').waitFor();
    await page.mouse.move(0, 0);
    await item(5).getByTestId('citation-popover').waitFor({ state: 'detached' });

    // The votes of item 3 cite several lines; keyboard focus alone shows them.
    const votes = item(3).getByTestId('votes').getByTestId('citation');
    await votes.focus();
    const voteLines = item(3).getByTestId('citation-line');
    await voteLines.first().waitFor();
    const numbers = (await votes.getAttribute('data-lines'))?.split(',').map(Number) ?? [];
    expect(numbers.length).toBeGreaterThan(1);
    expect(await voteLines.count()).toBe(numbers.length);
    for (const [i, n] of numbers.entries()) expect(await voteLines.nth(i).textContent()).toContain(fileLines[n - 1]?.replace(/^[^:]+:\s*/, '').trim());
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // Edit the decision of item 2: a new version, marked as a human edit; the AI's version stays.
    const decision = 'Indstillingen blev vedtaget med 5 stemmer mod 3: grænsen flyttes til Møllevej fra skoleåret 2027/28.';
    await item(2).getByTestId('edit-decision').click();
    const input = item(2).getByTestId('decision-input');
    expect(await input.inputValue()).toBe('Indstillingen blev vedtaget.');
    await input.fill(decision);
    await item(2).getByTestId('decision-save').click();
    await page.locator('[data-testid="version-row"][data-origin="human_edit"]').waitFor();
    expect(await page.getByTestId('version-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-origin')))).toEqual(['human_edit', 'ai_initial']);
    expect(await page.locator('[data-testid="version-row"][data-version="2"] [data-testid="version-origin"]').textContent()).toBe('Menneskelig rettelse');
    expect(await page.getByTestId('shown-version').textContent()).toBe('Version 2: Menneskelig rettelse');
    expect(await item(2).getByTestId('decision-text').textContent()).toBe(decision);
    expect(await item(2).getByTestId('decision-edited').textContent()).toBe('Menneskelig rettelse');
    expect(await page.getByRole('status').allTextContents()).toContainEqual('Rettelsen er gemt som version 2 (Menneskelig rettelse).');
    // Focus goes back to the button that opened the editor; the decision still cites its line.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('edit-decision');
    expect(await item(2).getByTestId('decision').getByTestId('citation').getAttribute('data-lines')).toBe(String(cited));
    expect(await axeViolations(page)).toEqual([]);

    // The DOCX of the newest version carries the edited decision in the municipal format.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-download').click()]);
    expect(download.suggestedFilename()).toBe('referat-boerne-og-skoleudvalget-2026-04-15.docx');
    const { value: text } = await mammoth.extractRawText({ path: await download.path() });
    expect(text).toContain('Referat: Børne- og Skoleudvalget');
    expect(text).toContain('Dato: 15. april 2026');
    expect(text).toContain('Afbud: Gustav Thorsen');
    expect(text).toContain(`Beslutning: ${decision}`);
    expect(text).toContain('Afstemning: For: 5, imod: 3, undlod: 0.');
    expect(text).toContain('Opfølgning');

    // The first version can still be shown, unchanged.
    await page.locator('[data-testid="version-row"][data-version="1"]').getByRole('button').click();
    await page.getByTestId('old-version').waitFor();
    expect(await item(2).getByTestId('decision-text').textContent()).toBe('Indstillingen blev vedtaget.');
    expect(await item(2).getByTestId('edit-decision').count()).toBe(0);
  });
});
