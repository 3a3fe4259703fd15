import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KleEntry, LabelledExample } from '../../src';

/** The shared KLE copies (outside the repository); tests that need them skip when they are absent. */
export const sharedKleDir = fileURLToPath(new URL('../../../../../shared/data/kle/', import.meta.url));
export const hasSharedKle = existsSync(`${sharedKleDir}os2kle-OS2KLE.txt`);
export const sharedKleReason = `../shared/data/kle findes ikke (${sharedKleDir}); testen springes over`;
// CI always has ../shared: there its absence is a failure, not a skip.
if (!hasSharedKle && process.env.CI) throw new Error(sharedKleReason);

const node = (code: string, title: string, keywords: string[] = []): KleEntry => ({
  code,
  level: (code.split('.').length as 1 | 2 | 3) ?? 3,
  title,
  parentCode: code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null,
  keywords,
  description: null,
  isActive: true,
});

/** A small KLE with three groups, enough to see learning without the real taxonomy. */
export function toyKle(): KleEntry[] {
  return [
    node('05', 'Veje og trafik'),
    node('05.01', 'Offentlige veje'),
    node('05.01.08', 'Vejvedligeholdelse og vejrenovering', ['asfalt', 'vejreparation', 'slaghul']),
    node('05.09', 'Parkering'),
    node('05.09.04', 'Parkeringskontrol', ['parkeringsafgift', 'p-vagt', 'kontrolafgift']),
    node('07', 'Affald og genanvendelse'),
    node('07.18', 'Affald fra husholdninger, indsamlingsordninger'),
    node('07.18.06', 'Madaffald / restaffald, indsamlingsordninger', ['dagrenovation', 'affaldsbeholder', 'skraldespand', 'tømning']),
    node('07.18.10', 'Storskrald, indsamlingsordning', ['storskrald', 'køleskab', 'møbler']),
    node('28', 'Dagtilbud'),
    node('28.09', 'Dagtilbud til børn indtil skolestart'),
    node('28.09.40', 'Optagelse i dagtilbud / plads i anden kommune / opsigelse', ['vuggestue', 'børnehave', 'pladsanvisning', 'dagpleje']),
  ];
}

let n = 0;
/** A labelled example (unique id unless given). */
export function buildExample(overrides: Partial<LabelledExample> & Pick<LabelledExample, 'body'>): LabelledExample {
  n++;
  return {
    id: overrides.id ?? `ex-${n}`,
    subject: overrides.subject ?? '',
    body: overrides.body,
    kle: overrides.kle ?? null,
    kind: overrides.kind ?? 'question',
  };
}
