import { main } from '../src/main';
import type { CliIo } from '../src/output';

/** A CliIo that keeps what the command printed. */
export function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

/** Runs `ekspedit <argv>` in process and returns its exit code and output. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}
