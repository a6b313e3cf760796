/**
 * The observatory dashboard: overview, uploads, releases (with their reports' charts), projects and
 * legal bases, objections, client budgets, audit log with verification status. Pages follow the
 * hash (#/releases/…); what a page shows depends on the role of the logged-in account.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, download, session, type Account } from './api.ts';
import { Bars } from './charts.tsx';
import './style.css';

type Page = 'overview' | 'uploads' | 'releases' | 'projects' | 'objections' | 'budgets' | 'audit';
const PAGES: { id: Page; label: string; roles: Account['role'][] }[] = [
  { id: 'overview', label: 'Overview', roles: ['dpo', 'admin', 'client', 'practice'] },
  { id: 'uploads', label: 'Uploads', roles: ['dpo', 'admin', 'practice'] },
  { id: 'releases', label: 'Releases', roles: ['dpo', 'admin', 'client'] },
  { id: 'projects', label: 'Projects', roles: ['dpo', 'admin', 'client'] },
  { id: 'objections', label: 'Objections', roles: ['dpo', 'admin'] },
  { id: 'budgets', label: 'Budgets', roles: ['dpo', 'admin', 'client'] },
  { id: 'audit', label: 'Audit log', roles: ['dpo', 'admin'] },
];
const BASIS: Record<string, string> = {
  'anonymous-only': 'Anonymous data / DP statistics only',
  authorization: 'Authorization',
  conformity: 'Declaration of conformity',
};

function useHash(): string[] {
  const [h, setH] = useState(location.hash);
  useEffect(() => { const f = () => setH(location.hash); addEventListener('hashchange', f); return () => removeEventListener('hashchange', f); }, []);
  return h.replace(/^#\/?/, '').split('/').filter(Boolean);
}

function useLoad<T>(path: string | null, deps: unknown[] = []): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(null);
    api<T>('GET', path).then((d) => live && setData(d), (e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [path, n, ...deps]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

const fmt = (x: unknown, digits = 3) => (typeof x === 'number' ? (Number.isInteger(x) ? x.toLocaleString('en') : x.toFixed(digits)) : String(x ?? '—'));
const Err = ({ error }: { error: string | null }) => (error ? <p class="error" role="alert">{error}</p> : null);

function Login({ onLogin }: { onLogin: (a: Account) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ account: Account }>('POST', '/api/session', undefined, token.trim());
      session.set(token.trim());
      onLogin(r.account);
    } catch (err) { setError(err instanceof ApiError ? err.message : String(err)); }
  };
  return (
    <main class="login">
      <h1>anonymat observatory</h1>
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} placeholder="anm_…" />
        <button type="submit">Log in</button>
        <Err error={error} />
      </form>
      <p class="muted"><a href="/transparency">Transparency page for patients</a></p>
    </main>
  );
}

function Overview({ account }: { account: Account }) {
  const { data, error } = useLoad<any>('/api/overview');
  const budgets = useLoad<any>(account.role === 'practice' ? null : '/api/budgets');
  if (!data) return <Err error={error} />;
  const cards: [string, unknown][] = account.role === 'client'
    ? [['Projects', data.projects]]
    : account.role === 'practice'
      ? [['Uploads', data.uploads], ['Records sent', data.records]]
      : [['Practices in the panel', data.panel.active], ['Uploads', data.uploads], ['Records', data.records], ['Patients (pseudonymized)', data.patients], ['Objections', data.objections], ['Projects', data.projects], ['Audit entries', data.auditEntries]];
  return (
    <section>
      <h2>Overview</h2>
      <div class="cards">{cards.map(([k, v]) => <div class="card" data-testid={`card-${k}`}><div class="num">{fmt(v)}</div><div>{k}</div></div>)}</div>
      {data.releasesByStatus && <Bars testid="chart-releases" title="Releases by status" data={data.releasesByStatus} x="status" y="n" yLabel="releases" />}
      {data.uploadsByMonth && <Bars title="Records uploaded per month" data={data.uploadsByMonth} x="month" y="records" yLabel="records" fill="#5c9b6b" />}
      {budgets.data && <BudgetChart budgets={budgets.data.budgets} />}
    </section>
  );
}

function Uploads() {
  const { data, error } = useLoad<any>('/api/uploads');
  return (
    <section>
      <h2>Uploads</h2><Err error={error} />
      <table><thead><tr><th>Upload id</th><th>Practice</th><th>Format</th><th>Received</th><th>Records</th><th>Patients</th><th>Dropped identifiers</th><th>Pseudonymized</th></tr></thead>
        <tbody>{data?.uploads.map((u: any) => <tr><td>{u.uploadId}</td><td>{u.practiceId}</td><td>{u.format}</td><td>{u.receivedAt}</td><td>{fmt(u.records)}</td><td>{fmt(u.patients)}</td><td>{u.droppedColumns.join(', ')}</td><td>{u.pseudonymizedColumns.join(', ')}</td></tr>)}</tbody></table>
    </section>
  );
}

function Releases({ account, id }: { account: Account; id?: string }) {
  const { data, error, reload } = useLoad<any>('/api/releases');
  if (id) return <ReleaseDetail account={account} id={id} onChange={reload} />;
  return (
    <section>
      <h2>Releases</h2><Err error={error} />
      <table><thead><tr><th>Release</th><th>Project</th><th>Client</th><th>Requested</th><th>Verdict</th><th>Status</th><th>Downloads</th></tr></thead>
        <tbody>{data?.releases.map((r: any) => (
          <tr data-testid="release-row"><td><a href={`#/releases/${r.id}`}>{r.id.slice(0, 8)}</a></td><td>{r.projectId}</td><td>{r.clientId}</td><td>{r.requestedAt}</td>
            <td class={r.verdictPasses ? 'ok' : 'bad'}>{r.verdictPasses ? 'anonymous' : 'not anonymous'}</td><td>{r.status}</td><td>{r.downloads}</td></tr>))}</tbody></table>
      {account.role === 'client' && <RequestRelease onDone={reload} />}
    </section>
  );
}

function RequestRelease({ onDone }: { onDone: () => void }) {
  const { data } = useLoad<any>('/api/projects');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data?.projects.length) return null;
  const ask = async (id: string) => {
    setBusy(true); setError(null);
    try { const r = await api('POST', `/api/projects/${id}/releases`, {}); location.hash = `#/releases/${r.id}`; onDone(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return <div class="box"><h3>Request a release</h3>{data.projects.map((p: any) => <button disabled={busy} onClick={() => ask(p.id)}>Request for “{p.title}”</button>)}<Err error={error} /></div>;
}

function ReleaseDetail({ account, id, onChange }: { account: Account; id: string; onChange: () => void }) {
  const { data: r, error, reload } = useLoad<any>(`/api/releases/${id}`);
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  if (!r) return <Err error={error} />;
  const rep = r.report;
  if (!rep) {
    return (
      <section>
        <p><a href="#/releases">← all releases</a></p>
        <h2>Release {id.slice(0, 8)}</h2>
        <p>Status: <strong data-testid="release-status">{r.status}</strong>{r.comment ? ` — “${r.comment}”` : ''}</p>
        <p class="muted">The report and the file become available once the data-protection officer has approved the release.</p>
      </section>
    );
  }
  const hist = (h: Record<string, number>) => Object.entries(h ?? {}).map(([size, classes]) => ({ size: Number(size), classes })).sort((a, b) => a.size - b.size);
  const decide = async (decision: 'approve' | 'reject', basis: 'anonymous' | 'legal-basis' = 'anonymous') => {
    setErr(null); setMsg(null);
    try { await api('POST', `/api/releases/${id}/decision`, { decision, comment, basis }); setMsg(decision === 'approve' ? 'Release approved.' : 'Release rejected.'); reload(); onChange(); } catch (e) { setErr((e as Error).message); }
  };
  const dl = async () => {
    setErr(null);
    try { const n = await download(`/api/releases/${id}/download`, `release-${id}.csv`); setMsg(`Downloaded ${n.toLocaleString('en')} bytes.`); reload(); } catch (e) { setErr((e as Error).message); }
  };
  return (
    <section>
      <p><a href="#/releases">← all releases</a></p>
      <h2>Release {id.slice(0, 8)} — {rep.project?.title}</h2>
      <p>Status: <strong data-testid="release-status">{r.status}</strong>{r.decision ? ` (${r.decision === 'legal-basis' ? 'under the project\'s legal basis' : 'as anonymous'})` : ''}{r.comment ? ` — “${r.comment}”` : ''}</p>
      <p class={rep.verdict.anonymous ? 'verdict ok' : 'verdict bad'} data-testid="verdict">{rep.verdict.anonymous ? 'Verdict: anonymous' : `Verdict: NOT anonymous — ${rep.verdict.reasons.join('; ')}`}</p>
      <div class="cards">
        <div class="card"><div class="num">{fmt(rep.input.records)}</div>records read</div>
        <div class="card"><div class="num">{fmt(rep.output.records)}</div>records released</div>
        <div class="card"><div class="num">{fmt(rep.input.controlRecords ?? 0)}</div>held out (attacks' control set)</div>
        <div class="card"><div class="num">{fmt(rep.anonymization.suppressedRecords)}</div>suppressed</div>
        <div class="card" data-testid="excluded"><div class="num">{fmt(rep.exclusions.objectedPatients)}</div>patients excluded (objections), {fmt(rep.exclusions.objectedRecords)} records</div>
        <div class="card"><div class="num">{fmt(rep.before.k)} → {fmt(rep.after.k)}</div>smallest class (k)</div>
        <div class="card"><div class="num">{fmt(rep.after.prosecutor?.highest)}</div>highest re-identification risk</div>
      </div>
      <div class="row">
        <Bars testid="chart-classes-before" title="Equivalence class sizes before anonymization" data={hist(rep.before.classSizeHistogram)} x="size" y="classes" xLabel="class size" fill="#b9770e" />
        <Bars testid="chart-classes-after" title="Equivalence class sizes in the release" data={hist(rep.after.classSizeHistogram)} x="size" y="classes" xLabel="class size" />
      </div>
      <Bars testid="chart-attacks" title="Attack simulations (bars: risk; black ticks: upper end of the 95 % interval; dashed line: limit)" data={rep.attacks} x="name" y="risk" tick="ciHigh" rule={rep.attacks[0]?.threshold} xLabel="attack" />
      <p class="muted">Transformation: {Object.entries(rep.anonymization.transformation).map(([k, v]) => `${k}: ${v}`).join(', ')}. Columns: {rep.output.columns.join(', ')}.</p>
      {account.role === 'dpo' && r.status === 'review' && (
        <div class="box">
          <h3>Decision</h3>
          <textarea name="comment" placeholder="Comment (required)" value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
          <div>
            <button data-testid="approve" onClick={() => decide('approve')}>Approve as anonymous</button>
            {rep.project.legalBasis.kind !== 'anonymous-only' && <button onClick={() => decide('approve', 'legal-basis')}>Approve under the legal basis ({rep.project.legalBasis.reference})</button>}
            <button class="secondary" data-testid="reject" onClick={() => decide('reject')}>Reject</button>
          </div>
        </div>
      )}
      {account.role === 'client' && r.status === 'approved' && <button data-testid="download" onClick={dl}>Download the release (CSV)</button>}
      {msg && <p class="ok" data-testid="message">{msg}</p>}
      <Err error={err} />
    </section>
  );
}

function Projects({ account }: { account: Account }) {
  const { data, error } = useLoad<any>('/api/projects');
  return (
    <section>
      <h2>Projects and legal bases</h2><Err error={error} />
      <table><thead><tr><th>Project</th><th>Client</th><th>Purpose</th><th>Data requested</th><th>Legal basis</th><th>Retention until</th></tr></thead>
        <tbody>{data?.projects.map((p: any) => <tr><td>{p.title}</td><td>{p.clientId}</td><td>{p.purpose}</td><td>{p.dataRequested.join(', ')}</td><td>{BASIS[p.legalBasis.kind] ?? p.legalBasis.kind}{p.legalBasis.reference ? ` — ${p.legalBasis.reference}` : ''}</td><td>{p.retentionUntil}</td></tr>)}</tbody></table>
      {account.role === 'client' && <p class="muted">Without an authorization or a declaration of conformity, a project receives only anonymous releases and differentially private statistics.</p>}
    </section>
  );
}

function Objections() {
  const { data, error } = useLoad<any>('/api/objections');
  return (
    <section>
      <h2>Patient objections</h2><Err error={error} />
      <p class="muted">Recorded by keyed pseudonym; objected patients are excluded from every later release and statistic.</p>
      <table><thead><tr><th>Pseudonym (prefix)</th><th>Recorded</th><th>By</th><th>Records excluded</th></tr></thead>
        <tbody>{data?.objections.map((o: any) => <tr><td><code>{o.pseudonymPrefix}…</code></td><td>{o.recordedAt}</td><td>{o.recordedBy}</td><td>{fmt(o.excludedRecords)}</td></tr>)}</tbody></table>
    </section>
  );
}

function BudgetChart({ budgets }: { budgets: any[] }) {
  const data = budgets.flatMap((b) => [{ client: b.clientId, part: 'spent', epsilon: b.spentValue }, { client: b.clientId, part: 'remaining', epsilon: b.remainingValue }]);
  return <Bars testid="chart-budgets" title="Differential-privacy budgets (ε)" data={data.filter((d) => d.part === 'spent')} x="client" y="epsilon" yLabel="ε spent" fill="#8e44ad" />;
}

function Budgets() {
  const { data, error } = useLoad<any>('/api/budgets');
  return (
    <section>
      <h2>Client budgets</h2><Err error={error} />
      <table><thead><tr><th>Client</th><th>Total ε</th><th>Spent</th><th>Remaining</th><th>Updated</th></tr></thead>
        <tbody>{data?.budgets.map((b: any) => <tr><td>{b.clientId}</td><td>{b.total}</td><td>{b.spent}</td><td>{b.remaining}</td><td>{b.updatedAt}</td></tr>)}</tbody></table>
      {data && <BudgetChart budgets={data.budgets} />}
      <h3>Recent queries</h3>
      <table><thead><tr><th>Query</th><th>Project</th><th>Asked</th><th>ε</th></tr></thead>
        <tbody>{data?.queries.map((q: any) => <tr><td><code>{q.id.slice(0, 8)}</code></td><td>{q.project_id}</td><td>{q.asked_at}</td><td>{q.epsilon}</td></tr>)}</tbody></table>
    </section>
  );
}

function Audit() {
  const { data, error } = useLoad<any>('/api/audit?limit=500');
  const v = useLoad<any>('/api/audit/verify');
  return (
    <section>
      <h2>Audit log</h2><Err error={error ?? v.error} />
      {v.data && (
        <p class={v.data.ok && !v.data.reanchors?.length ? 'verdict ok' : 'verdict bad'} data-testid="audit-status">
          {v.data.ok ? `Hash chain intact${v.data.reanchors?.length ? ` only since entry #${v.data.reanchors[v.data.reanchors.length - 1].seq} (re-anchored)` : ''}: ${v.data.entries} entries${v.data.anchor ? ', anchor matches' : ''}${v.data.anchorMac === 'absent' ? ' (anchor without MAC, from an earlier version)' : ''}.` : `Hash chain BROKEN: ${v.data.problems.map((p: any) => `#${p.seq} ${p.kind}`).join(', ')}`}
        </p>
      )}
      {v.data?.reanchors?.map((r: any) => <p class="bad" data-testid="audit-reanchor">{r.message}</p>)}
      <table><thead><tr><th>#</th><th>When</th><th>Actor</th><th>Action</th><th>Subject</th><th>Hash</th></tr></thead>
        <tbody>{data?.entries.slice().reverse().map((e: any) => <tr><td>{e.seq}</td><td>{e.loggedAt}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.subject}</td><td><code>{e.hash.slice(0, 12)}</code></td></tr>)}</tbody></table>
    </section>
  );
}

function App() {
  const [account, setAccount] = useState<Account | null>(null);
  const [checked, setChecked] = useState(false);
  const parts = useHash();
  useEffect(() => {
    if (!session.token) { setChecked(true); return; }
    api<{ account: Account }>('GET', '/api/me').then((r) => setAccount(r.account), () => session.set(null)).finally(() => setChecked(true));
  }, []);
  if (!checked) return null;
  if (!account) return <Login onLogin={(a) => { setAccount(a); location.hash = '#/overview'; }} />;
  const pages = PAGES.filter((p) => p.roles.includes(account.role));
  const page = (pages.find((p) => p.id === parts[0]) ?? pages[0]!).id;
  return (
    <div class="layout">
      <header>
        <strong>anonymat observatory</strong>
        <nav>{pages.map((p) => <a href={`#/${p.id}`} class={p.id === page ? 'active' : ''}>{p.label}</a>)}<a href="/transparency">Transparency</a></nav>
        <span class="who" data-testid="who">{account.name} ({account.role})</span>
        <button class="secondary" data-testid="logout" onClick={() => { session.set(null); setAccount(null); location.hash = ''; }}>Log out</button>
      </header>
      <main>
        {page === 'overview' && <Overview account={account} />}
        {page === 'uploads' && <Uploads />}
        {page === 'releases' && <Releases account={account} id={parts[1]} />}
        {page === 'projects' && <Projects account={account} />}
        {page === 'objections' && <Objections />}
        {page === 'budgets' && <Budgets />}
        {page === 'audit' && <Audit />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
