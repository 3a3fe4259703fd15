import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { addKnowledgeFile, addKnowledgeUrl, createKnowledgeSearch, mediaTypeFor } from '@ekspedit/ai';
import { type KnowledgeSourceKind, loadConfig } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';

const kinds: readonly KnowledgeSourceKind[] = ['document', 'standard_letter', 'web_page', 'approved_reply'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

export const kbCommand: Command = {
  name: 'kb',
  summary: 'Vidensbasen: kb add <filer…>, kb add-url <adresser…>, kb search "<spørgsmål>", kb list',
  usage: `Brug:
  ekspedit kb add <filer…> [--kind document|standard_letter] [--unit <id>] [--kle <koder>] [--valid-from ÅÅÅÅ-MM-DD] [--valid-to ÅÅÅÅ-MM-DD] [--format json|table|csv]
      Læser PDF, DOCX, HTML, Markdown og tekst, deler dem efter overskrifter og afsnit og gemmer dem. --kle: kommaseparerede KLE-koder.
  ekspedit kb add-url <adresser…> [--unit <id>] [--kle <koder>] [--valid-from ÅÅÅÅ-MM-DD] [--valid-to ÅÅÅÅ-MM-DD] [--format json|table|csv]
      Henter websider (kun http/https, HTML eller tekst, højst 5 MB) fra domænerne i EKSPEDIT_KB_ALLOWED_DOMAINS og gemmer dem.
      Samme adresse igen erstatter den tidligere import.
  ekspedit kb search "<spørgsmål>" [--unit <id>] [--kle <kode>] [--kind <type>] [--limit n] [--mode lexical|hybrid] [--date ÅÅÅÅ-MM-DD] [--format json|table|csv]
      Søger på dansk i gyldige kilder (udløbne kilder bruges aldrig). hybrid lægger en lokal tegn-n-gram-vektor oven i fuldtekstsøgningen.
  ekspedit kb list [--format json|table|csv]`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      kind: { type: 'string' },
      unit: { type: 'string' },
      kle: { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-to': { type: 'string' },
      limit: { type: 'string' },
      mode: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string' },
    });
    const [sub, ...rest] = positionals;
    const format = parseFormat(values.format);
    for (const key of ['valid-from', 'valid-to', 'date'] as const) {
      if (values[key] !== undefined && !isoDate.test(values[key] ?? '')) throw new CliUsageError(`--${key} skal være en dato ÅÅÅÅ-MM-DD`);
    }
    if (values.kind !== undefined && !kinds.includes(values.kind as KnowledgeSourceKind))
      throw new CliUsageError(`--kind skal være en af: ${kinds.join(', ')}`);

    if (sub === 'add') {
      if (!rest.length) throw new CliUsageError('Angiv mindst én fil');
      for (const file of rest)
        if (!mediaTypeFor(file)) throw new CliUsageError(`Filtypen kendes ikke: ${basename(file)} (brug .pdf, .docx, .html, .md eller .txt)`);
      const kind = values.kind ?? 'document';
      // Web pages and approved replies enter the knowledge base by other paths, not as files.
      if (kind !== 'document' && kind !== 'standard_letter') throw new CliUsageError('kb add tager --kind document eller standard_letter');
      const kleCodes = (values.kle ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return withDatabase('kb add', async (handle) => {
        const repos = createRepositories(handle.db);
        if (values.unit && !(await repos.directory.findUnit(values.unit))) throw new CliUsageError(`Enheden "${values.unit}" findes ikke`);
        const rows: Record<string, unknown>[] = [];
        for (const file of rest) {
          const content = new Uint8Array(await readFile(file));
          const { id, title, chunks } = await addKnowledgeFile(
            {
              filename: basename(file),
              content,
              kind,
              unitId: values.unit ?? null,
              kleCodes,
              validFrom: values['valid-from'] ?? null,
              validTo: values['valid-to'] ?? null,
            },
            repos.knowledge,
          );
          rows.push({ file: basename(file), sourceId: id, title, kind, chunks });
        }
        printRows(io, format, rows, ['file', 'sourceId', 'title', 'kind', 'chunks']);
        return 0;
      });
    }

    if (sub === 'add-url') {
      if (!rest.length) throw new CliUsageError('Angiv mindst én adresse');
      if (values.kind !== undefined && values.kind !== 'web_page') throw new CliUsageError('kb add-url gemmer altid som web_page');
      const kleCodes = (values.kle ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      // Refused before the database is opened: without allowed domains nothing can be imported.
      if (loadConfig(process.env).kbAllowedDomains.length === 0)
        throw new CliUsageError('Import fra websider er slået fra: sæt EKSPEDIT_KB_ALLOWED_DOMAINS til de tilladte domæner (kommasepareret)');
      return withDatabase('kb add-url', async (handle, config) => {
        const repos = createRepositories(handle.db);
        if (values.unit && !(await repos.directory.findUnit(values.unit))) throw new CliUsageError(`Enheden "${values.unit}" findes ikke`);
        const rows: Record<string, unknown>[] = [];
        for (const url of rest) {
          const added = await addKnowledgeUrl(
            { url, unitId: values.unit ?? null, kleCodes, validFrom: values['valid-from'] ?? null, validTo: values['valid-to'] ?? null },
            repos.knowledge,
            { allowedDomains: config.kbAllowedDomains },
          );
          rows.push({ url: added.url, sourceId: added.id, title: added.title, kind: 'web_page', chunks: added.chunks });
        }
        printRows(io, format, rows, ['url', 'sourceId', 'title', 'kind', 'chunks']);
        return 0;
      });
    }

    if (sub === 'search') {
      const query = rest.join(' ').trim();
      if (!query) throw new CliUsageError('Angiv et spørgsmål');
      const limit = values.limit ? Number(values.limit) : 5;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliUsageError('--limit skal være mellem 1 og 100');
      if (values.mode && values.mode !== 'lexical' && values.mode !== 'hybrid') throw new CliUsageError('--mode skal være lexical eller hybrid');
      const mode = (values.mode ?? 'lexical') as 'lexical' | 'hybrid';
      return withDatabase('kb search', async (handle) => {
        const search = createKnowledgeSearch(createRepositories(handle.db).knowledge, { mode });
        const hits = await search.search({
          text: query,
          limit,
          unitId: values.unit ?? null,
          kleCode: values.kle ?? null,
          kinds: values.kind ? [values.kind as KnowledgeSourceKind] : undefined,
          today: values.date ?? today(),
          mode,
        });
        printRows(
          io,
          format,
          hits.map((h) => ({
            sourceId: h.sourceId,
            chunkId: h.chunkId,
            title: h.title,
            headingPath: h.headingPath,
            excerpt: h.excerpt,
            score: Math.round(h.score * 10_000) / 10_000,
            page: h.page,
          })),
          ['sourceId', 'chunkId', 'title', 'headingPath', 'excerpt', 'score', 'page'],
        );
        return 0;
      });
    }

    if (sub === 'list' || sub === undefined) {
      return withDatabase('kb list', async (handle) => {
        const sources = await createRepositories(handle.db).knowledge.listSources();
        printRows(io, format, sources as unknown as Record<string, unknown>[], ['id', 'kind', 'title', 'unitId', 'kleCodes', 'validFrom', 'validTo', 'chunks']);
        return 0;
      });
    }
    throw new CliUsageError(`Ukendt underkommando "${sub}"`);
  },
};
