import type { MinutesContent } from '@ekspedit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/repositories';
import { buildUnit, buildUser } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

const content = (decision: string): MinutesContent => ({
  meeting: 'Teknik- og Miljøudvalget',
  date: '2026-03-12',
  attendees: ['Lise Berg', 'Jens Holm'],
  absent: ['Peter Nørgaard'],
  attendanceLines: [1],
  items: [
    {
      number: 1,
      title: 'Godkendelse af dagsorden',
      summary: '',
      decision,
      decided: true,
      postponed: false,
      votes: { for: 5, against: 1, abstained: 0 },
      actions: [{ what: 'Sende planen', who: 'Camilla Friis', due: '2026-03-13', dueText: 'i morgen' }],
      statements: [{ kind: 'decision', text: decision, lines: [4], supported: true }],
      discussed: [2, 3, 4],
    },
  ],
  engine: 'offline',
  fallbackReason: null,
});

describe(`minutes repository on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let repos: ReturnType<typeof createRepositories>;
  let userId: string;
  let otherId: string;
  let unitId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    repos = createRepositories(handle.db);
    unitId = (await buildUnit(handle)).id;
    userId = (await buildUser(handle, { roles: ['caseworker'], unitId })).user.id;
    otherId = (await buildUser(handle, { roles: ['caseworker'] })).user.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores a meeting with its agenda and transcript text and adds versions, never overwriting one', async () => {
    const meeting = await repos.minutes.createMeeting({
      title: 'Teknik- og Miljøudvalget',
      meetingDate: '2026-03-12',
      agenda: '1. Godkendelse af dagsorden',
      transcript: 'Lise Berg: Så er dagsordenen godkendt.',
      unitId,
      createdBy: userId,
    });
    expect(await repos.minutes.findMeeting(meeting.id)).toMatchObject({ meetingDate: '2026-03-12', agenda: '1. Godkendelse af dagsorden', unitId });
    expect(await repos.minutes.findVersion(meeting.id, 'latest')).toBeNull();

    const at = new Date('2026-03-13T09:00:00.000Z');
    const first = await repos.minutes.addVersion({
      meetingId: meeting.id,
      version: 1,
      origin: 'ai_initial',
      content: content('Godkendt.'),
      createdBy: userId,
      at,
    });
    expect(first).toMatchObject({ version: 1, origin: 'ai_initial', createdBy: userId, createdAt: at });
    // The same version number again (a lost race) inserts nothing.
    expect(
      await repos.minutes.addVersion({ meetingId: meeting.id, version: 1, origin: 'human_edit', content: content('Overskrevet.'), createdBy: otherId, at }),
    ).toBeNull();
    await repos.minutes.addVersion({
      meetingId: meeting.id,
      version: 2,
      origin: 'human_edit',
      content: content('Godkendt med en ændring.'),
      createdBy: otherId,
      at: new Date(at.getTime() + 60_000),
    });

    expect((await repos.minutes.findVersion(meeting.id, 1))?.content.items[0]?.decision).toBe('Godkendt.');
    const latest = await repos.minutes.findVersion(meeting.id, 'latest');
    expect(latest).toMatchObject({ version: 2, origin: 'human_edit' });
    // The content comes back as it went in (jsonb), votes and action points included.
    expect(latest?.content).toEqual(content('Godkendt med en ændring.'));
    expect(await repos.minutes.findVersion(meeting.id, 3)).toBeNull();
    expect((await repos.minutes.listVersions(meeting.id)).map((v) => [v.version, v.origin, v.createdBy])).toEqual([
      [1, 'ai_initial', userId],
      [2, 'human_edit', otherId],
    ]);
  });

  it('lists meetings newest first with their newest version, scoped to units or the creator', async () => {
    const other = await repos.minutes.createMeeting({
      title: 'Personalemøde',
      meetingDate: null,
      agenda: '1. Runde',
      transcript: 'Maja: Hej',
      unitId: null,
      createdBy: otherId,
    });
    const all = await repos.minutes.listMeetings({ unitIds: null, createdBy: userId });
    expect(all.map((m) => m.title)).toEqual(['Personalemøde', 'Teknik- og Miljøudvalget']);
    expect(all[0]).toMatchObject({ id: other.id, latestVersion: null, latestOrigin: null, latestAt: null });
    expect(all[1]).toMatchObject({ latestVersion: 2, latestOrigin: 'human_edit' });
    expect(all[1]?.latestAt).toEqual(new Date('2026-03-13T09:01:00.000Z'));
    expect(all[1]).not.toHaveProperty('transcript');

    expect((await repos.minutes.listMeetings({ unitIds: [unitId], createdBy: userId })).map((m) => m.title)).toEqual(['Teknik- og Miljøudvalget']);
    expect((await repos.minutes.listMeetings({ unitIds: [], createdBy: otherId })).map((m) => m.title)).toEqual(['Personalemøde']);
    expect(await repos.minutes.listMeetings({ unitIds: ['ingen-enhed'], createdBy: '00000000-0000-0000-0000-000000000000' })).toEqual([]);
  });
});
