import type { IsoDate } from '@ekspedit/core';

/** One line of a transcript or of meeting notes, numbered as in the file it came from. */
export interface TranscriptLine {
  /** 1-based line number in the file (paragraph number for DOCX): what citations point to. */
  line: number;
  /** Who speaks, when the transcript says so ("Lise Berg: …", `<v Lise Berg>`). */
  speaker: string | null;
  text: string;
  /** Start time of the cue (WebVTT, SRT), as written. */
  time: string | null;
}

/** One point on the agenda. */
export interface AgendaItem {
  number: number;
  title: string;
  /** Text under the point on the agenda (the recommendation, background). */
  description: string;
}

/** An agenda reduced to what minutes need. */
export interface Agenda {
  /** The meeting, e.g. "Teknik- og Miljøudvalget". */
  meeting: string;
  date: IsoDate | null;
  items: AgendaItem[];
  /** Members listed on the agenda (invited), when it lists them. */
  invited: string[];
  /** Apologies listed on the agenda ("Afbud: …"). */
  absent: string[];
}

/** Vote counts of one agenda item. */
export interface Votes {
  for: number;
  against: number;
  abstained: number;
}

/** An action point: what, who, by when. */
export interface ActionPoint {
  what: string;
  who: string | null;
  due: IsoDate | null;
  /** The words the due date was resolved from ("senest fredag"), for the reviewer. */
  dueText: string | null;
}

export type StatementKind = 'summary' | 'decision' | 'votes' | 'action';

/** One statement of the minutes with the transcript lines it comes from. */
export interface MinutesStatement {
  kind: StatementKind;
  text: string;
  /** Transcript line numbers the statement rests on. */
  lines: number[];
  /** False when the grounding check found no support in the cited lines (model-written text only). */
  supported: boolean;
}

/** The minutes of one agenda item. */
export interface MinutesItem {
  number: number;
  title: string;
  summary: string;
  /** "Godkendt.", "Udsat, fordi …", or null when the transcript holds no conclusion. */
  decision: string | null;
  decided: boolean;
  postponed: boolean;
  votes: Votes | null;
  actions: ActionPoint[];
  statements: MinutesStatement[];
  /** Transcript lines where the item was discussed (its segments). */
  discussed: number[];
}

/** Draft minutes of a meeting. */
export interface Minutes {
  meeting: string;
  date: IsoDate | null;
  attendees: string[];
  absent: string[];
  /** Lines that say who attended or sent apologies. */
  attendanceLines: number[];
  items: MinutesItem[];
  engine: 'offline' | 'llm';
  /** Why the model was not (fully) used, when an endpoint was configured. */
  fallbackReason: string | null;
}
