import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { type RunningServer, startServer } from './support/server';

/**
 * Issue 5, done when 2 and 3: a politician's answer goes through caseworker and team lead, is sent
 * once, and an edit after approval cannot be sent; an admin lets AI acknowledge receipt for one KLE
 * group, a new inquiry gets one from AI under that policy version, and the kill switch stops it.
 */
describe('review, approval and the automation policy in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

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

  /** Calls the API from the signed-in page, as a second tab or a script would. */
  const api = (method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const r = await fetch(`/api${path}`, {
          method,
          headers: { accept: 'application/json', 'content-type': 'application/json', 'x-requested-with': 'ekspedit' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: r.status, json: (await r.json()) as Record<string, any> };
      },
      { method, path, body },
    );

  const outboxFiles = () => {
    const dir = join(server.dataDir, 'outbox');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
  };
  let caseNumber = '';
  let caseId = '';

  it('the secretariat drafts, edits and approves a politician’s answer; an edit after approval voids it and cannot be sent', async () => {
    await loginAs('sekretariat');
    const registered = await api('POST', '/cases', {
      kind: 'politician_question',
      title: 'Spørgsmål om ventetid på byggesager',
      body: 'Hvad har den gennemsnitlige sagsbehandlingstid for byggesager været i år, og hvad gør forvaltningen for at nedbringe den?',
      sender: { kind: 'politician', name: 'Karen Byråd', email: 'karen@byraad.example' },
    });
    expect(registered.status).toBe(201);
    caseNumber = registered.json.case.number;
    caseId = registered.json.case.id;
    await page.goto(`${server.url}/sager/${caseNumber}`);
    await page.getByTestId('draft-button').click();
    await page.getByTestId('draft-sentence').first().waitFor();
    await page.getByTestId('use-draft').click();
    const aiText = await page.getByTestId('reply-text').inputValue();
    expect(aiText.length).toBeGreaterThan(40);

    // Edit the AI's text: the diff shows what the person added.
    await page.getByTestId('reply-text').fill(`${aiText}\n\nForvaltningen ansætter to nye byggesagsbehandlere.`);
    await expect
      .poll(async () => (await page.getByTestId('reply-diff').locator('ins').allTextContents()).join(' '), { timeout: 15_000 })
      .toContain('byggesagsbehandlere');
    await page.getByTestId('why-panel').waitFor();
    expect(await page.getByTestId('why-engine').textContent()).toBe('offline');
    await page.getByTestId('save-reply').click();
    await expect.poll(async () => page.getByTestId('approve-reply').isEnabled(), { timeout: 15_000 }).toBe(true);
    // Send is not possible before the whole chain has approved.
    expect(await page.getByTestId('send-reply').isEnabled()).toBe(false);
    await page.getByTestId('approve-reply').click();
    await page.locator('[data-testid="approval-step"][data-state="approved"]').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const approved = (await api('GET', `/cases/${caseId}/review`)).json;
    const approvedHash: string = approved.reply.contentHash;
    // Someone edits the approved text: the approval no longer holds.
    await page.getByTestId('reply-text').fill(`${aiText}\n\nForvaltningen ansætter tre nye byggesagsbehandlere.`);
    await page.getByTestId('save-reply').click();
    await page.getByTestId('approval-voided').first().waitFor();
    await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' '), { timeout: 15_000 }).toContain('bortfaldet');
    const edited = (await api('GET', `/cases/${caseId}/review`)).json;
    // Sending the edited text on the old approval is refused, whichever hash is presented.
    const stale = await api('POST', `/cases/${caseId}/review/${edited.reply.id}/send`, { contentHash: approvedHash });
    expect(stale.json.error.code).toBe('APPROVAL_STALE');
    const unapproved = await api('POST', `/cases/${caseId}/review/${edited.reply.id}/send`, { contentHash: edited.reply.contentHash });
    expect(unapproved.json.error.code).toBe('APPROVAL_REQUIRED');
    // The caseworker approves the edited text.
    await page.getByTestId('approve-reply').click();
    await expect.poll(async () => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(1);
    expect(outboxFiles()).toHaveLength(0);
  });

  it('the team lead gives the second approval and sends it once; the timeline shows every step', async () => {
    await loginAs('sekretariatschef');
    await page.goto(`${server.url}/sager/${caseNumber}`);
    await page.getByTestId('approve-reply').waitFor();
    expect(await page.getByTestId('reply-text').inputValue()).toContain('tre nye byggesagsbehandlere');
    await page.getByTestId('approve-reply').click();
    await expect.poll(async () => page.locator('[data-testid="approval-step"][data-state="approved"]').count(), { timeout: 15_000 }).toBe(2);
    await page.getByTestId('send-reply').click();
    await page.locator('[data-testid="timeline-item"][data-activity="message.sent"]').waitFor();

    const activities = await page.getByTestId('timeline-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-activity')));
    expect(activities.filter((a) => a === 'reply.approved')).toHaveLength(3);
    expect(activities).toContain('reply.drafted');
    expect(activities).toContain('reply.edited');
    expect(activities.filter((a) => a === 'message.sent')).toHaveLength(1);
    const approvals = await page.locator('[data-testid="timeline-item"][data-activity="reply.approved"]').allTextContents();
    expect(approvals.some((t) => t.includes('trin 2 af 2') && t.includes('Teamleder') && t.includes('Jens Krogh'))).toBe(true);

    // Exactly one delivery, with the edited and approved text.
    const files = outboxFiles();
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(server.dataDir, 'outbox', files[0] as string), 'utf8');
    expect(eml).toContain('karen@byraad.example');
    const replay = await api('POST', `/cases/${caseId}/review/${(await api('GET', `/cases/${caseId}/review`)).json.reply?.id ?? 'x'}/send`, {
      contentHash: 'f'.repeat(64),
    });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(outboxFiles()).toHaveLength(1);
  });

  it('an admin sets KLE group 07.18 to level 3 for acknowledgements; a new inquiry is acknowledged by AI under that version; the kill switch stops it', async () => {
    // Acknowledgements depend on the classifier's KLE group: wait until it serves.
    await expect
      .poll(async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { classifier: string }).classifier, { timeout: 120_000, interval: 500 })
      .toBe('ready');
    await loginAs('admin');
    await page.getByRole('link', { name: 'AI-politik' }).click();
    await page.getByTestId('policy-version').waitFor();
    expect(await page.getByTestId('policy-version').getAttribute('data-version')).toBe('0');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('add-rule').click();
    await page.getByTestId('rule-kle').fill('07.18');
    await page.getByTestId('rule-level').selectOption('3');
    expect(await page.getByTestId('rule-ack').isChecked()).toBe(true);
    await page.getByTestId('policy-comment').fill('Kvitteringer for affald');
    await page.getByTestId('save-policy').click();
    await page.locator('[data-testid="policy-version"][data-version="1"]').waitFor();

    const inquire = async (subject: string): Promise<string> => {
      const p = await context.newPage();
      await p.goto(`${server.url}/henvendelse`);
      await p.getByLabel('Dit navn').fill('Anne Jensen');
      await p.getByLabel('Din e-mail').fill('anne@borger.example');
      await p.getByLabel('Emne').fill(subject);
      await p.getByLabel('Din henvendelse').fill('Hej, jeg skal af med en gammel sofa og et køleskab. Hvordan bestiller jeg storskrald til Nørregade 4?');
      await p.getByRole('button', { name: 'Send henvendelse' }).click();
      const number = (await p.getByTestId('receipt-case-number').textContent()) ?? '';
      await p.close();
      return number;
    };

    const acknowledged = await inquire('Bestilling af storskrald');
    await page.goto(`${server.url}/sager/${acknowledged}`);
    const sent = page.locator('[data-testid="timeline-item"][data-activity="message.sent"]');
    await sent.waitFor();
    expect(await sent.textContent()).toContain('Sendt af AI under AI-politik version 1');
    expect(await page.getByTestId('message').allTextContents()).toContainEqual(expect.stringContaining(`sagsnummer ${acknowledged}`));

    // The kill switch: a new version that stops automatic sending everywhere.
    await page.getByRole('link', { name: 'AI-politik' }).click();
    await page.getByTestId('kill-auto_send').check();
    await page.getByTestId('save-policy').click();
    await page.locator('[data-testid="policy-version"][data-version="2"]').waitFor();
    const stopped = await inquire('Bestilling af storskrald igen');
    await page.goto(`${server.url}/sager/${stopped}`);
    await page.locator('[data-testid="timeline-item"][data-activity="ai.auto_send_stopped"]').waitFor();
    expect(await page.locator('[data-testid="timeline-item"][data-activity="message.sent"]').count()).toBe(0);
  });
});
