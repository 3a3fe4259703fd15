// Worker threads do not inherit tsx's loader: register it here, then run the TypeScript job.
import { register } from 'tsx/esm/api';

register();
await import('./retrain-job.ts');
