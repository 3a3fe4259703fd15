import type { CliIo } from './output';

/** One top-level noun of the `ekspedit` command, in its own file under commands/. */
export interface Command {
  name: string;
  /** One line for `ekspedit --help`. */
  summary: string;
  /** Full help for `ekspedit <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}
