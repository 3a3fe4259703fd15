import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countKleLevels, detectKleFormat, KleParseError, KleXmlReader, parseKle, parseOs2Kle, readKleFile } from '../src/kle';
import { hasSharedKle, sharedKleDir, sharedKleReason } from './support/classify-fixtures';

if (!hasSharedKle) console.warn(sharedKleReason);

describe('KLE import', () => {
  it.skipIf(!hasSharedKle)('reads OS2KLE: 37 main groups, 498 groups, 2,390 subjects with keywords', async () => {
    const { format, entries } = await readKleFile(`${sharedKleDir}os2kle-OS2KLE.txt`);
    expect(format).toBe('os2kle');
    expect(countKleLevels(entries)).toEqual({ mainGroups: 37, groups: 498, subjects: 2390 });
    const bins = entries.find((e) => e.code === '07.18.00');
    expect(bins?.keywords).toContain('skraldespand');
    expect(bins?.parentCode).toBe('07.18');
    // Groups and main groups are named after their "i almindelighed" subject.
    expect(entries.find((e) => e.code === '07.18')?.title).toBe('Affald fra husholdninger, indsamlingsordninger');
    expect(entries.find((e) => e.code === '00')?.title).toBe('Kommunens styrelse');
  });

  it.skipIf(!hasSharedKle)('reads the OS2agora JSON tree: 36 main groups, 486 groups, 2,342 subjects', async () => {
    const { format, entries } = await readKleFile(`${sharedKleDir}os2agora-KleHierarchyList.json`);
    expect(format).toBe('os2agora-json');
    expect(countKleLevels(entries)).toEqual({ mainGroups: 36, groups: 486, subjects: 2342 });
  });

  it.skipIf(!hasSharedKle)('streams the KLE-Online XML sample: 3 main groups, 9 groups, 9 subjects', async () => {
    const { format, entries } = await readKleFile(`${sharedKleDir}kitos-kle-emneplan-sample.xml`);
    expect(format).toBe('kle-online-xml');
    expect(countKleLevels(entries)).toEqual({ mainGroups: 3, groups: 9, subjects: 9 });
    expect(entries.find((e) => e.code === '00.05')).toMatchObject({ level: 2, title: 'Besøg, repræsentation mv.', parentCode: '00' });
  });

  it.skipIf(!hasSharedKle)('gives the same result however the XML is cut into chunks', async () => {
    const text = readFileSync(`${sharedKleDir}kitos-kle-emneplan-sample.xml`, 'utf8');
    const whole = (await parseKle(text)).entries;
    const reader = new KleXmlReader();
    for (let i = 0; i < text.length; i += 7) reader.write(text.slice(i, i + 7).replace(/^\ufeff/, ''));
    expect(reader.finish()).toEqual(whole);
  });

  it('reads guidance, keywords and expiry from KLE-Online XML', async () => {
    const xml = `<KLE-Emneplan><Hovedgruppe><HovedgruppeNr>07</HovedgruppeNr><HovedgruppeTitel>Affald</HovedgruppeTitel>
      <Gruppe><GruppeNr>07.18</GruppeNr><GruppeTitel>Husholdninger</GruppeTitel>
        <Emne><EmneNr>07.18.06</EmneNr><EmneTitel>Madaffald</EmneTitel><EmneVejledning><VejledningTekst>&lt;p&gt;Om indsamling&lt;/p&gt;</VejledningTekst></EmneVejledning>
          <Stikord><StikordTekst>skraldespand</StikordTekst><StikordID>1</StikordID></Stikord></Emne>
        <Emne><EmneNr>07.18.99</EmneNr><EmneTitel>Gammelt</EmneTitel><EmneAdministrativInfo><UdgaaetDato>2001-01-01</UdgaaetDato></EmneAdministrativInfo></Emne>
      </Gruppe></Hovedgruppe></KLE-Emneplan>`;
    const { entries } = await parseKle(xml);
    expect(entries.find((e) => e.code === '07.18.06')).toMatchObject({ keywords: ['skraldespand'], description: 'Om indsamling', isActive: true });
    expect(entries.find((e) => e.code === '07.18.99')?.isActive).toBe(false);
  });

  it('tells the formats apart by content and refuses others', async () => {
    expect(detectKleFormat('\ufeff<?xml version="1.0"?>')).toBe('kle-online-xml');
    expect(detectKleFormat("KLENummer='00.01.00'")).toBe('os2kle');
    expect(detectKleFormat('[{"Number":"00"}]')).toBe('os2agora-json');
    await expect(parseKle('kode;titel\n07;Affald')).rejects.toThrow(KleParseError);
  });

  it('names the bad line of an OS2KLE file', () => {
    const text = "KLENummer='07.18.06':KLETitel='Madaffald':Keywords[Weight]=skrald[5];\nnoget andet\n";
    expect(() => parseOs2Kle(text)).toThrow(/Linje 2/);
  });
});
