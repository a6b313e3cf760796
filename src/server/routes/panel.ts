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
      // (the enrolment is the record that the practice accepted the notice its patients are shown: a version that was
      // never published, or a date before its last enrolment or leave, records an acceptance that cannot have happened)
      if (b.noticeVersion !== svc.info.noticeVersion) {
        throw new AnonymatError('policy-failed', `the information notice in force is version ${svc.info.noticeVersion}: a practice enrols by accepting it (GET /api/panel/me names it)`, [{ path: '$.noticeVersion', message: `not the current version (${svc.info.noticeVersion})` }]);
      }
      const now = svc.now();
      // (stored in one form, so that the same instant written with or without milliseconds is one enrolment)
      const at = b.acceptedAt === undefined ? now.toISOString() : new Date(b.acceptedAt).toISOString();
      if (Date.parse(at) > now.getTime()) {
        throw new AnonymatError('policy-failed', 'acceptedAt is in the future: give the moment the notice was accepted, or leave it out for now', [{ path: '$.acceptedAt', message: 'after the current time' }]);
      }
      return withAudit(svc, a, 'panel.enrol', `practice:${a.practiceId}`, async (tx) => {
        const rows = await tx.all('SELECT enrolled_at, left_at FROM panel WHERE practice_id = $1', [a.practiceId!]);
        const active = rows.find((r) => r.left_at === null);
        if (active) throw new AnonymatError('conflict', `practice ${a.practiceId} is already enrolled (since ${active.enrolled_at}); leave first to enrol again`);
        if (rows.some((r) => Date.parse(String(r.enrolled_at)) === Date.parse(at))) {
          throw new AnonymatError('conflict', `practice ${a.practiceId} already has an enrolment accepted at ${at}: give the moment of this new acceptance`, [{ path: '$.acceptedAt', message: 'the date of an earlier enrolment' }]);
        }
        const last = rows.flatMap((r) => [r.enrolled_at, r.left_at]).filter((t) => t !== null).map((t) => String(t)).sort((x, y) => Date.parse(x) - Date.parse(y)).pop();
        if (last !== undefined && Date.parse(at) < Date.parse(last)) {
          throw new AnonymatError('policy-failed', `acceptedAt is before practice ${a.practiceId}'s last panel event (${last}): a new enrolment is accepted after it`, [{ path: '$.acceptedAt', message: 'before the last enrolment or leave' }]);
        }
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
