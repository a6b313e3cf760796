import * as z from 'zod';
import { AnonymatError } from '../../errors.ts';
import { withAudit, type RouteDef } from '../context.ts';
import { iso, must } from './util.ts';

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/panel/enrol', roles: ['practice'],
    body: z.object({ noticeVersion: z.string().min(1).max(50), acceptedAt: z.iso.datetime().optional() }),
    summary: 'enrol the practice in the panel with the version of the information notice it accepted',
    handler: async ({ svc, account, body }) => {
      const a = must(account);
      const b = body as { noticeVersion: string; acceptedAt?: string };
      return withAudit(svc, a, 'panel.enrol', `practice:${a.practiceId}`, async (tx) => {
        const active = await tx.all('SELECT enrolled_at FROM panel WHERE practice_id = $1 AND left_at IS NULL', [a.practiceId!]);
        if (active.length) throw new AnonymatError('conflict', `practice ${a.practiceId} is already enrolled (since ${active[0]!.enrolled_at}); leave first to enrol again`);
        const at = b.acceptedAt ?? iso(svc);
        await tx.run('INSERT INTO panel (practice_id, enrolled_at, notice_version, left_at) VALUES ($1, $2, $3, $4)', [a.practiceId!, at, b.noticeVersion, null]);
        return { result: { practiceId: a.practiceId, enrolledAt: at, noticeVersion: b.noticeVersion }, detail: { noticeVersion: b.noticeVersion } };
      });
    },
  },
  {
    method: 'POST', path: '/api/panel/leave', roles: ['practice'], summary: 'leave the panel: later uploads are refused; stored data follow the retention policy',
    handler: async ({ svc, account }) => {
      const a = must(account);
      return withAudit(svc, a, 'panel.leave', `practice:${a.practiceId}`, async (tx) => {
        const at = iso(svc);
        const n = await tx.run('UPDATE panel SET left_at = $1 WHERE practice_id = $2 AND left_at IS NULL', [at, a.practiceId!]);
        if (n === 0) throw new AnonymatError('conflict', `practice ${a.practiceId} is not enrolled`);
        return { result: { practiceId: a.practiceId, leftAt: at, retention: svc.info.retention } };
      });
    },
  },
  {
    method: 'GET', path: '/api/panel/me', roles: ['practice'], summary: 'the practice\'s enrolment history and the retention policy',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = await svc.store.all('SELECT enrolled_at, notice_version, left_at FROM panel WHERE practice_id = $1 ORDER BY enrolled_at', [a.practiceId!]);
      return { practiceId: a.practiceId, active: rows.some((r) => r.left_at === null), memberships: rows, retention: svc.info.retention, currentNotice: svc.info.noticeVersion };
    },
  },
  {
    method: 'GET', path: '/api/panel', roles: ['dpo', 'admin'], summary: 'every practice with its enrolment status',
    handler: async ({ svc }) => {
      const rows = await svc.store.all(`SELECT p.id, p.name, m.enrolled_at, m.notice_version, m.left_at FROM practices p
        LEFT JOIN panel m ON m.practice_id = p.id ORDER BY p.id, m.enrolled_at`);
      return { practices: rows, retention: svc.info.retention, currentNotice: svc.info.noticeVersion };
    },
  },
];
