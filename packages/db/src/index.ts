export * from './lock';
export * from './open';
export * from './passwords';
export * from './repositories';
export type { AuditQuery } from './repositories/audit-repository';
export type { AuthRepository, NewUser } from './repositories/auth-repository';
export * as schema from './schema';
export * from './seed/demo';
