/** The observatory service: public API of src/server. */
export { openService, listen, DEFAULT_INFO, type Service, type ServiceOptions } from './service.ts';
export { createApp, DEFAULT_RATE_LIMITS, type AppOptions, type RateLimits } from './app.ts';
export { openStore, type Store } from './store/index.ts';
export type { StoreOptions } from './store/index.ts';
export { verifyAudit, verifyAuditAgainst, readAudit, readAnchor, inspectAnchor, type AuditVerification, type AuditEntry } from './audit.ts';
export { loadObservatoryKey, decodeKey, KEY_ENV } from './keys.ts';
export { DEFAULT_SCHEMA, schemaSchema, type ObservatorySchema } from './observatory.ts';
export { ROUTES } from './routes/index.ts';
export { ROLES, type Role, type RouteDef } from './context.ts';
