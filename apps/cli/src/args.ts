import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './output';

/** node:util parseArgs with strict checking, turning its errors into usage errors. */
export function parseArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return nodeParseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}
