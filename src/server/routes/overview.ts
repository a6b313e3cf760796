import type { RouteDef } from '../context.ts';
import { must } from './util.ts';

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/api/overview', roles: ['dpo', 'admin', 'client', 'practice'], summary: 'counts for the dashboard\'s overview (scoped to the account)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const n = async (sql: string, p: (string | number)[] = []) => Number((await svc.store.all(sql, p))[0]?.n ?? 0);
      if (a.role === 'client') {
        return {
          role: a.role,
          projects: await n('SELECT COUNT(*) AS n FROM projects WHERE client_id = $1', [a.clientId!]),
          releasesByStatus: await svc.store.all('SELECT status, COUNT(*) AS n FROM releases WHERE client_id = $1 GROUP BY status ORDER BY status', [a.clientId!]),
        };
      }
      if (a.role === 'practice') {
        return {
          role: a.role,
          uploads: await n('SELECT COUNT(*) AS n FROM uploads WHERE practice_id = $1', [a.practiceId!]),
          records: await n('SELECT COALESCE(SUM(records), 0) AS n FROM uploads WHERE practice_id = $1', [a.practiceId!]),
        };
      }
      return {
        role: a.role,
        panel: { active: await n('SELECT COUNT(DISTINCT practice_id) AS n FROM panel WHERE left_at IS NULL'), practices: await n('SELECT COUNT(*) AS n FROM practices') },
        uploads: await n('SELECT COUNT(*) AS n FROM uploads'),
        records: await n('SELECT COUNT(*) AS n FROM records'),
        patients: await n('SELECT COUNT(DISTINCT pseudonym) AS n FROM records'),
        objections: await n('SELECT COUNT(*) AS n FROM objections'),
        projects: await n('SELECT COUNT(*) AS n FROM projects'),
        releasesByStatus: await svc.store.all('SELECT status, COUNT(*) AS n FROM releases GROUP BY status ORDER BY status'),
        uploadsByMonth: await svc.store.all('SELECT substr(received_at, 1, 7) AS month, COUNT(*) AS n, SUM(records) AS records FROM uploads GROUP BY substr(received_at, 1, 7) ORDER BY month'),
        auditEntries: await n('SELECT COUNT(*) AS n FROM audit_log'),
      };
    },
  },
];
