import { apiRequest } from '../../api/client';

export const minutesOrigins = ['ai_initial', 'ai_edit', 'human_edit'] as const;
export type MinutesOrigin = (typeof minutesOrigins)[number];

/** The roles that may upload meetings and draft or correct minutes (the server checks the same list; directors and analysts read). */
export const rolesThatMayWriteMinutes = ['caseworker', 'team_lead', 'secretariat', 'admin'] as const;

export interface MeetingDto {
  id: string;
  title: string;
  meetingDate: string | null;
  unitId: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface MeetingSummaryDto extends MeetingDto {
  latestVersion: number | null;
  latestOrigin: MinutesOrigin | null;
  latestAt: string | null;
}

export interface StatementDto {
  kind: 'summary' | 'decision' | 'votes' | 'action';
  text: string;
  /** Transcript lines the statement rests on. */
  lines: number[];
  /** False when model-written text was not found in the cited lines. */
  supported: boolean;
  /** A person rewrote the text. */
  edited: boolean;
}

export interface MinutesItemDto {
  number: number;
  title: string;
  summary: string;
  decision: string | null;
  decided: boolean;
  postponed: boolean;
  votes: { for: number; against: number; abstained: number } | null;
  actions: { what: string; who: string | null; due: string | null; dueText: string | null }[];
  statements: StatementDto[];
  discussed: number[];
}

export interface MinutesContentDto {
  meeting: string;
  date: string | null;
  attendees: string[];
  absent: string[];
  attendanceLines: number[];
  items: MinutesItemDto[];
  engine: 'offline' | 'llm';
  fallbackReason: string | null;
}

export interface VersionInfoDto {
  version: number;
  origin: MinutesOrigin;
  createdAt: string;
  createdByName: string | null;
}

/** A meeting with the version of its minutes shown (the newest unless asked) and every version. */
export interface MeetingViewDto {
  meeting: MeetingDto;
  version: (VersionInfoDto & { content: MinutesContentDto }) | null;
  versions: VersionInfoDto[];
  latestVersion: number | null;
  canEdit: boolean;
}

export interface TranscriptLineDto {
  line: number;
  speaker: string | null;
  text: string;
  time: string | null;
}

/** A file's content as base64 (the server takes both files of a meeting in one JSON body). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function fetchMeetings(signal?: AbortSignal): Promise<{ items: MeetingSummaryDto[] }> {
  return apiRequest('/meetings', { signal });
}

/** Uploads the agenda and the transcript; the meeting is stored, not yet drafted. */
export async function createMeeting(input: { title: string; date: string; agenda: File; transcript: File }): Promise<{ meeting: MeetingDto }> {
  const [agenda, transcript] = await Promise.all([readBase64(input.agenda), readBase64(input.transcript)]);
  return apiRequest('/meetings', {
    json: {
      ...(input.title.trim() ? { title: input.title.trim() } : {}),
      ...(input.date ? { date: input.date } : {}),
      agenda: { filename: input.agenda.name, contentBase64: agenda },
      transcript: { filename: input.transcript.name, contentBase64: transcript },
    },
  });
}

/** Drafts the minutes: the first draft, or a new AI version after earlier ones. */
export function generateMinutes(meetingId: string): Promise<MeetingViewDto> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}/minutes`, { method: 'POST' });
}

export function fetchMeeting(meetingId: string, version: number | null, signal?: AbortSignal): Promise<MeetingViewDto> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}`, { query: { version }, signal });
}

/** Saves a person's correction of the newest version as a new version. */
export function saveMinutesEdit(
  meetingId: string,
  edit: { baseVersion: number; items: { number: number; decision?: string | null; postponed?: boolean; summary?: string }[] },
): Promise<MeetingViewDto> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}/versions`, { json: edit });
}

export function fetchTranscript(meetingId: string, signal?: AbortSignal): Promise<{ lines: TranscriptLineDto[] }> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}/transcript`, { signal });
}

/** Where the minutes (DOCX, municipal format) are downloaded from. */
export const docxUrl = (meetingId: string, version: number) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.docx?version=${version}`;

/** Line numbers as ranges: [12, 13, 14, 20] → "12–14, 20". */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] ?? end;
    out.push(end > start ? `${start}–${end}` : String(start));
  }
  return out.join(', ');
}
