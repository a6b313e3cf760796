/**
 * End-to-end: the dashboard in headless Chromium (Debian's /usr/bin/chromium through playwright-core,
 * never a downloaded browser) against a service started by the test. The DPO logs in and approves a
 * release; the client logs in and downloads it. Screenshots go to test-artifacts/e2e/.
 * Skips with a message when /usr/bin/chromium is absent (CI installs it: scripts/ci-system-deps.sh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from '../../src/server/service.ts';
import { startHarness, demoCsv } from '../server/helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = join(root, 'test-artifacts', 'e2e');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function buildDashboard(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

test('dashboard e2e: DPO approves a release, client downloads it (headless Chromium)', async (t) => {
  if (!existsSync(CHROMIUM)) { t.skip(`${CHROMIUM} absent: install Debian's chromium (scripts/ci-system-deps.sh) to run the dashboard e2e test`); return; }
  const tmp = mkdtempSync(join(tmpdir(), 'anonymat-e2e-'));
  const webDir = join(tmp, 'web');
  await buildDashboard(webDir);
  const h = await startHarness({ webDir });
  const server = await listen(h.service, 0);
  const { chromium } = await import('playwright-core');
  mkdirSync(artifacts, { recursive: true });
  const consoleErrors: string[] = [];
  let context: import('playwright-core').BrowserContext | null = null;
  try {
    // a fresh, empty profile each run (--user-data-dir through playwright's persistent context)
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM, args: FLAGS, headless: true, acceptDownloads: true, viewport: { width: 1280, height: 900 },
    });
    // data: an enrolled practice's upload, an objection, a project, a client's release request
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/e2e-1', { token: practice, body: demoCsv(4000) })).status, 201);
    await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1002' } });
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: { id: 'diab', clientId: 'lab', title: 'Diabetes in primary care', purpose: 'describe diagnoses by age and sex', dataRequested: ['sex', 'birth_year', 'department', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2030-12-31' } })).status, 201);
    await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: 1 } });
    await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], epsilon: '1/10' } });
    const rel = await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} });
    assert.equal(rel.status, 201);
    assert.equal(rel.json.verdictPasses, true, 'the demo release passes the verdict');
    const id = rel.json.id as string;

    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    const login = async (token: string) => {
      await page.goto(server.url + '/');
      await page.fill('#token', token);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=who]');
    };

    // DPO: overview, the release's report, approval
    await login(dpo);
    assert.match(await page.textContent('[data-testid=who]') ?? '', /\(dpo\)/);
    await page.waitForSelector('[data-testid=chart-releases] svg');
    await page.screenshot({ path: join(artifacts, '01-dpo-overview.png'), fullPage: true });
    await page.goto(`${server.url}/#/releases/${id}`);
    await page.waitForSelector('[data-testid=chart-attacks] svg');
    assert.ok(await page.locator('[data-testid=chart-classes-after] svg rect').count() > 0, 'class-size bars drawn');
    assert.match(await page.textContent('[data-testid=verdict]') ?? '', /anonymous/);
    assert.match(await page.textContent('[data-testid=excluded]') ?? '', /^1/);
    await page.fill('textarea[name=comment]', 'Report checked: k ≥ 5 and attacks below thresholds.');
    await page.screenshot({ path: join(artifacts, '02-dpo-release-report.png'), fullPage: true });
    await page.click('[data-testid=approve]');
    await page.waitForFunction("document.querySelector('[data-testid=release-status]')?.textContent === 'approved'");
    await page.screenshot({ path: join(artifacts, '03-dpo-approved.png'), fullPage: true });
    await page.goto(`${server.url}/#/audit`);
    await page.waitForSelector('[data-testid=audit-status]');
    assert.match(await page.textContent('[data-testid=audit-status]') ?? '', /intact/);
    await page.screenshot({ path: join(artifacts, '04-dpo-audit.png'), fullPage: true });
    await page.click('[data-testid=logout]');

    // client: downloads the approved release
    await login(client);
    await page.goto(`${server.url}/#/releases/${id}`);
    await page.waitForSelector('[data-testid=download]');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
    const file = join(tmp, 'release.csv');
    await dl.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    assert.equal(csv.split('\n')[0], 'sex,birth_year,department,diagnosis');
    const report = (await h.call('GET', `/api/releases/${id}`, { token: dpo })).json.report;
    assert.equal(csv.trim().split('\n').length - 1, report.output.records);
    await page.waitForSelector('[data-testid=message]');
    await page.screenshot({ path: join(artifacts, '05-client-downloaded.png'), fullPage: true });
    await page.goto(`${server.url}/#/budgets`);
    await page.waitForSelector('[data-testid=chart-budgets] svg');
    await page.screenshot({ path: join(artifacts, '06-client-budgets.png'), fullPage: true });
    await page.goto(`${server.url}/transparency`);
    await page.screenshot({ path: join(artifacts, '07-transparency.png'), fullPage: true });

    // the service recorded the approval and the download
    const audit = (await h.call('GET', '/api/audit?limit=5000', { token: dpo })).json.entries.map((e: { action: string }) => e.action);
    assert.ok(audit.includes('release.approve') && audit.includes('release.download') && audit.filter((a: string) => a === 'login').length >= 2);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    await h.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
