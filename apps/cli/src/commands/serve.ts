import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command';

// The server is its own app; the CLI starts it as a child process rather than importing it.
const serverMain = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url));

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start serveren (web og API)',
  usage: 'Brug: ekspedit serve\n  Starter serveren på PORT (standard 3000) med EKSPEDIT_DATA_DIR eller DATABASE_URL.',
  async run() {
    const child = spawn(process.execPath, ['--import', 'tsx', serverMain], { stdio: 'inherit', env: process.env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  },
};
