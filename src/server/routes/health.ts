import type { RouteDef } from '../context.ts';

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/api/health', roles: 'public', summary: 'liveness and store check (no authentication)',
    handler: async ({ svc }) => {
      await svc.store.all('SELECT 1 AS ok');
      return { status: 'ok', store: svc.store.kind };
    },
  },
];
