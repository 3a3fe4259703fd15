import { runServerMain } from './start';

await runServerMain();
