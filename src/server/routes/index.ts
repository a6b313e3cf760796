/**
 * THE route table: every route the service answers, with the roles allowed to call it. The app
 * registers these and nothing else under /api (anything else is refused with 404).
 */
import type { RouteDef } from '../context.ts';
import { routes as health } from './health.ts';
import { routes as session } from './session.ts';
import { routes as accounts } from './accounts.ts';
import { routes as panel } from './panel.ts';
import { routes as uploads } from './uploads.ts';
import { routes as objections } from './objections.ts';
import { routes as projects } from './projects.ts';
import { routes as releases } from './releases.ts';
import { routes as stats } from './stats.ts';
import { routes as audit } from './audit.ts';
import { routes as overview } from './overview.ts';
import { routes as transparency } from './transparency.ts';

export const ROUTES: readonly RouteDef[] = Object.freeze([
  ...health, ...session, ...accounts, ...panel, ...uploads, ...objections, ...projects, ...releases, ...stats, ...audit, ...overview, ...transparency,
]);
