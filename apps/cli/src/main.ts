import type { Command } from './command';
import { type CliIo, CliUsageError, processIo } from './output';

// Each noun is loaded only when used, so `ekspedit deadline` does not pay for the database or the server.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'Start serveren (web og API)', load: async () => (await import('./commands/serve')).serveCommand },
  db: { summary: 'Databasen: migrate', load: async () => (await import('./commands/db')).dbCommand },
  seed: { summary: 'Indlæs demodata: seed demo', load: async () => (await import('./commands/seed')).seedCommand },
  import: { summary: 'Importér post og filer: import eml|file <filer…>', load: async () => (await import('./commands/import')).importCommand },
  intake: { summary: 'Modtag post: intake imap|smtp|process', load: async () => (await import('./commands/intake')).intakeCommand },
  deadline: { summary: 'Beregn en frist i arbejdsdage', load: async () => (await import('./commands/deadline')).deadlineCommand },
  cases: { summary: 'List sager', load: async () => (await import('./commands/cases')).casesCommand },
  units: { summary: 'List enheder', load: async () => (await import('./commands/units')).unitsCommand },
  users: { summary: 'List brugere', load: async () => (await import('./commands/users')).usersCommand },
  pipeline: { summary: 'Post gennem modtagelse, sortering og udkast (sender aldrig)', load: async () => (await import('./commands/pipeline')).pipelineCommand },
  audit: { summary: 'Revisionsloggen: verify, head', load: async () => (await import('./commands/audit')).auditCommand },
  report: { summary: 'Målt værdi: report efficiency|bias|quality --from --to', load: async () => (await import('./commands/report')).reportCommand },
  mining: {
    summary: 'Procesanalyse af hændelseslogs: stats, discover, conform',
    load: async () => (await import('./commands/mining')).miningCommand,
  },
  kle: { summary: 'KLE-emner: kle import <fil>, kle list', load: async () => (await import('./commands/kle')).kleCommand },
  classify: { summary: 'Sortér post: classify --input <fil.jsonl>, classify train', load: async () => (await import('./commands/classify')).classifyCommand },
  workflows: { summary: 'List arbejdsgange og deres tilstande', load: async () => (await import('./commands/workflows')).workflowsCommand },
  kb: { summary: 'Vidensbasen: kb add <filer…>, kb add-url <adresser…>, kb search "<spørgsmål>"', load: async () => (await import('./commands/kb')).kbCommand },
  draft: { summary: 'Udkast til svar på en sag: draft --case <sagsnummer>', load: async () => (await import('./commands/draft')).draftCommand },
  ground: { summary: 'Tjek et svar mod kilder: ground --answer <fil> --sources <filer…>', load: async () => (await import('./commands/ground')).groundCommand },
  redact: { summary: 'Find personoplysninger: redact --input <fil.jsonl>', load: async () => (await import('./commands/redact')).redactCommand },
  ask: { summary: 'Spørg en mappe med dokumenter: ask --docs <mappe> "<spørgsmål>"', load: async () => (await import('./commands/ask')).askCommand },
  consult: { summary: 'Høringssvar: consult analyze|memo <input>', load: async () => (await import('./commands/consult')).consultCommand },
  minutes: { summary: 'Udkast til referat: minutes --agenda <fil> --transcript <fil>', load: async () => (await import('./commands/minutes')).minutesCommand },
  precedents: { summary: 'Er spørgsmålet stillet før? precedents "<spørgsmål>"', load: async () => (await import('./commands/precedents')).precedentsCommand },
};

function help(io: CliIo): void {
  io.stdout('Brug: ekspedit <kommando> [argumenter]\n\nKommandoer:\n');
  for (const [name, c] of Object.entries(commands)) io.stdout(`  ${name.padEnd(10)} ${c.summary}\n`);
  io.stdout('\nSkriv "ekspedit <kommando> --help" for detaljer. Alle lister tager --format json|table|csv.\n');
}

/** Entry point of the `ekspedit` command; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return 0;
  }
  if (name === '--version') {
    io.stdout('ekspedit 0.1.0\n');
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`Ukendt kommando "${name}".\n`);
    help(io);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`Fejl: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    const err = error as { code?: string; message?: string };
    io.stderr(`Fejl${err.code ? ` [${err.code}]` : ''}: ${err.message ?? String(error)}\n`);
    return 1;
  }
}
