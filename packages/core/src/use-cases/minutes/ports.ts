import type { IsoDate } from '../../calendar';
import type { AiUsageEntry, AuditLog, Clock } from '../../ports';

/** Who made a version of the minutes: the first AI draft, a new AI draft, or a person's correction. */
export const minutesOrigins = ['ai_initial', 'ai_edit', 'human_edit'] as const;
export type MinutesOrigin = (typeof minutesOrigins)[number];

/** A meeting: the agenda and transcript as the engine reads them again (text, line numbers kept). */
export interface MeetingRecord {
  id: string;
  title: string;
  meetingDate: IsoDate | null;
  /** The agenda's text (DOCX and PDF as extracted). */
  agenda: string;
  /** The transcript's text; its line numbers are what the minutes cite (DOCX: one paragraph a line). */
  transcript: string;
  unitId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/** A meeting in a list, with its newest version. */
export interface MeetingSummary extends Omit<MeetingRecord, 'agenda' | 'transcript'> {
  latestVersion: number | null;
  latestOrigin: MinutesOrigin | null;
  latestAt: Date | null;
}

export interface MinutesVotes {
  for: number;
  against: number;
  abstained: number;
}

/** An action point: what, who, by when. */
export interface MinutesActionPoint {
  what: string;
  who: string | null;
  due: IsoDate | null;
  /** The words the deadline was read from ("senest fredag"). */
  dueText: string | null;
}

export type MinutesStatementKind = 'summary' | 'decision' | 'votes' | 'action';

/** One statement of the minutes and the transcript lines it rests on. */
export interface MinutesStatement {
  kind: MinutesStatementKind;
  text: string;
  lines: number[];
  /** False when the grounding check found no support for model-written text. */
  supported: boolean;
  /** A person rewrote the text; the lines are still those the AI cited. */
  edited?: boolean;
}

/** The minutes of one agenda item. */
export interface MinutesItem {
  number: number;
  title: string;
  summary: string;
  decision: string | null;
  decided: boolean;
  postponed: boolean;
  votes: MinutesVotes | null;
  actions: MinutesActionPoint[];
  statements: MinutesStatement[];
  /** Transcript lines where the item was discussed. */
  discussed: number[];
}

/** The content of one version of the minutes (the shape of `Minutes` in @ekspedit/ai). */
export interface MinutesContent {
  meeting: string;
  date: IsoDate | null;
  attendees: string[];
  absent: string[];
  attendanceLines: number[];
  items: MinutesItem[];
  engine: 'offline' | 'llm';
  fallbackReason: string | null;
}

/** One stored version; versions are only ever added, never changed. */
export interface MinutesVersionRecord {
  meetingId: string;
  version: number;
  origin: MinutesOrigin;
  content: MinutesContent;
  createdBy: string | null;
  createdAt: Date;
}

export type MinutesVersionInfo = Omit<MinutesVersionRecord, 'content'>;

/** One line of the transcript, numbered as the citations number it. */
export interface MinutesTranscriptLine {
  line: number;
  speaker: string | null;
  text: string;
  time: string | null;
}

/** Storage of meetings and their versions of minutes (implemented in packages/db). */
export interface MinutesRepository {
  createMeeting(input: {
    title: string;
    meetingDate: IsoDate | null;
    agenda: string;
    transcript: string;
    unitId: string | null;
    createdBy: string;
  }): Promise<MeetingRecord>;
  /** Meetings newest first; `unitIds` null: every meeting, else those of the units (and the user's own). */
  listMeetings(filter: { unitIds: string[] | null; createdBy: string }): Promise<MeetingSummary[]>;
  findMeeting(id: string): Promise<MeetingRecord | null>;
  /** Every version of a meeting's minutes, oldest first, without content. */
  listVersions(meetingId: string): Promise<MinutesVersionInfo[]>;
  findVersion(meetingId: string, version: number | 'latest'): Promise<MinutesVersionRecord | null>;
  /** Adds a version; null when that version number exists already (a lost race). */
  addVersion(input: {
    meetingId: string;
    version: number;
    origin: MinutesOrigin;
    content: MinutesContent;
    createdBy: string;
    at: Date;
  }): Promise<MinutesVersionRecord | null>;
}

/** An uploaded file. */
export interface MinutesFile {
  filename: string;
  content: Uint8Array;
}

/** The minutes engine (implemented with @ekspedit/ai by the server): reading files, drafting, DOCX. */
export interface MinutesEngine {
  /** Reads an agenda file to the text the engine parses; null when the kind of file is not one it reads. */
  readAgenda(file: MinutesFile): Promise<{ text: string; meeting: string; date: IsoDate | null; items: number } | null>;
  /** Reads a transcript file to text with its line numbers kept; null when the kind of file is not one it reads. */
  readTranscript(file: MinutesFile): Promise<{ text: string; lines: number } | null>;
  /** The numbered lines of a stored transcript. */
  transcriptLines(transcript: string): MinutesTranscriptLine[];
  /** Drafts the minutes (the model when configured, else offline) with its usage-log entries. */
  draft(input: { agenda: string; transcript: string; date: IsoDate | null }): Promise<{ content: MinutesContent; usage: AiUsageEntry[] }>;
  /** The minutes as DOCX in the municipal format. */
  docx(content: MinutesContent): Promise<Uint8Array>;
}

/** Everything the minutes use cases may ask for. */
export interface MinutesDeps {
  minutes: MinutesRepository;
  engine: MinutesEngine;
  audit: AuditLog;
  usage: { record(entry: AiUsageEntry): Promise<{ id: string }> };
  clock: Clock;
}
