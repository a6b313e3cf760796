/**
 * Self-contained HTML reports: one file, inline CSS and SVG charts, no script and no network.
 * The report is built from plain blocks, so every stage (assess, anonymize, verdict, dp) describes
 * what it shows and this module only draws it. Labels are escaped; records are never shown.
 */
export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'verdict'; ok: boolean; title: string; reasons?: string[] }
  | { kind: 'figures'; items: { label: string; value: string | number; note?: string; status?: 'ok' | 'fail' | 'warn' }[] }
  | { kind: 'bars'; title: string; data: { label: string; value: number; highlight?: boolean }[]; xLabel?: string; yLabel?: string; format?: (v: number) => string; log?: boolean }
  | { kind: 'grouped-bars'; title: string; categories: string[]; series: { name: string; values: number[] }[]; yLabel?: string; format?: (v: number) => string }
  | { kind: 'table'; title?: string; columns: string[]; rows: (string | number | null)[][] };

export interface Section { title: string; intro?: string; blocks: Block[] }

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** Shown in the footer (e.g. tool version, policy path, time). */
  meta?: Record<string, string>;
  sections: Section[];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmtDefault = (v: number): string =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2);

export function renderHtmlReport(doc: ReportDocument): string {
  const body = doc.sections.map(renderSection).join('\n');
  const meta = doc.meta ? Object.entries(doc.meta).map(([k, v]) => `<span><b>${escapeHtml(k)}</b> ${escapeHtml(v)}</span>`).join(' · ') : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>
:root{--ok:#1a7f37;--fail:#cf222e;--warn:#9a6700;--ink:#1f2328;--muted:#59636e;--bar:#3b6fb6;--hi:#cf222e;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0;background:#fff}
header{padding:24px 32px;background:var(--bg);border-bottom:1px solid #d0d7de}h1{margin:0;font-size:24px}header p{margin:4px 0 0;color:var(--muted)}
main{max-width:1100px;margin:0 auto;padding:8px 32px 48px}section{margin-top:28px}h2{font-size:19px;border-bottom:1px solid #d0d7de;padding-bottom:6px}
h3{font-size:15px;margin:18px 0 6px}.intro{color:var(--muted)}
.verdict{border-radius:8px;padding:14px 18px;margin:12px 0;border:2px solid}.verdict.ok{border-color:var(--ok);background:#dafbe1}.verdict.fail{border-color:var(--fail);background:#ffebe9}
.verdict h3{margin:0 0 6px;font-size:17px}.verdict ul{margin:4px 0 0;padding-left:20px}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;margin:12px 0}
.fig{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px}.fig .v{font-size:20px;font-weight:600}.fig .l{color:var(--muted);font-size:13px}.fig .n{color:var(--muted);font-size:12px}
.fig.ok .v{color:var(--ok)}.fig.fail .v{color:var(--fail)}.fig.warn .v{color:var(--warn)}
table{border-collapse:collapse;margin:8px 0;font-size:14px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}th{background:var(--bg)}td.num{text-align:right;font-variant-numeric:tabular-nums}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:var(--ink)}footer{color:var(--muted);font-size:12px;margin-top:40px}
</style></head><body>
<header><h1>${escapeHtml(doc.title)}</h1>${doc.subtitle ? `<p>${escapeHtml(doc.subtitle)}</p>` : ''}</header>
<main>${body}<footer>${meta}</footer></main></body></html>
`;
}

function renderSection(s: Section): string {
  return `<section><h2>${escapeHtml(s.title)}</h2>${s.intro ? `<p class="intro">${escapeHtml(s.intro)}</p>` : ''}${s.blocks.map(renderBlock).join('\n')}</section>`;
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'text': return `<p>${escapeHtml(b.text)}</p>`;
    case 'verdict':
      return `<div class="verdict ${b.ok ? 'ok' : 'fail'}"><h3>${b.ok ? '✔' : '✘'} ${escapeHtml(b.title)}</h3>${b.reasons?.length ? `<ul>${b.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''}</div>`;
    case 'figures':
      return `<div class="figures">${b.items.map((i) => `<div class="fig ${i.status ?? ''}"><div class="v">${escapeHtml(typeof i.value === 'number' ? fmtDefault(i.value) : i.value)}</div><div class="l">${escapeHtml(i.label)}</div>${i.note ? `<div class="n">${escapeHtml(i.note)}</div>` : ''}</div>`).join('')}</div>`;
    case 'bars': return barChart(b);
    case 'grouped-bars': return groupedBars(b);
    case 'table':
      return `${b.title ? `<h3>${escapeHtml(b.title)}</h3>` : ''}<table><thead><tr>${b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((v) => typeof v === 'number' ? `<td class="num">${escapeHtml(fmtDefault(v))}</td>` : `<td>${escapeHtml(v ?? '—')}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
}

/** Vertical bar chart in SVG with axes, a zero baseline and value labels on hover (title). */
export function barChart(b: Extract<Block, { kind: 'bars' }>): string {
  const fmt = b.format ?? fmtDefault;
  const W = 760, H = 260, L = 64, R = 12, T = 12, B = 58;
  const n = Math.max(1, b.data.length);
  const tr = (v: number) => (b.log ? Math.log10(1 + Math.max(0, v)) : v);
  const max = Math.max(1e-12, ...b.data.map((d) => tr(d.value)));
  const bw = (W - L - R) / n;
  const y = (v: number) => T + (H - T - B) * (1 - tr(v) / max);
  const ticks = b.log ? logTicks(10 ** max - 1) : niceTicks(max, 4);
  const bars = b.data.map((d, i) => {
    const x = L + i * bw + bw * 0.12;
    const yy = y(d.value);
    return `<rect x="${x.toFixed(1)}" y="${yy.toFixed(1)}" width="${(bw * 0.76).toFixed(1)}" height="${(H - B - yy).toFixed(1)}" fill="var(${d.highlight ? '--hi' : '--bar'})"><title>${escapeHtml(d.label)}: ${escapeHtml(fmt(d.value))}</title></rect>`;
  }).join('');
  const every = Math.ceil(n / 24);
  const maxChars = Math.max(6, Math.floor((bw * every) / 7));
  const xl = b.data.map((d, i) => i % every ? '' : `<text x="${(L + (i + 0.5) * bw).toFixed(1)}" y="${H - B + 14}" text-anchor="middle">${escapeHtml(truncate(d.label, maxChars))}</text>`).join('');
  const yl = ticks.map((t) => `<line x1="${L - 4}" x2="${W - R}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#d0d7de"/><text x="${L - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(fmt(t))}</text>`).join('');
  return `<h3>${escapeHtml(b.title)}</h3><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(b.title)}">${yl}${bars}
<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#59636e"/>${xl}
${b.xLabel ? `<text x="${(L + W - R) / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(b.xLabel)}</text>` : ''}
${b.yLabel ? `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(b.yLabel + (b.log ? ' (log scale)' : ''))}</text>` : ''}</svg>`;
}

function groupedBars(b: Extract<Block, { kind: 'grouped-bars' }>): string {
  const fmt = b.format ?? fmtDefault;
  const W = 760, H = 260, L = 64, R = 12, T = 24, B = 50;
  const colors = ['#3b6fb6', '#e8912d', '#2da44e', '#8250df'];
  const max = Math.max(1e-12, ...b.series.flatMap((s) => s.values));
  const n = Math.max(1, b.categories.length);
  const gw = (W - L - R) / n;
  const bw = (gw * 0.8) / Math.max(1, b.series.length);
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const ticks = niceTicks(max, 4);
  let bars = '';
  b.series.forEach((s, si) => s.values.forEach((v, i) => {
    const x = L + i * gw + gw * 0.1 + si * bw;
    bars += `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - B - y(v)).toFixed(1)}" fill="${colors[si % colors.length]}"><title>${escapeHtml(`${s.name} · ${b.categories[i]}: ${fmt(v)}`)}</title></rect>`;
  }));
  const legend = b.series.map((s, si) => `<rect x="${L + si * 160}" y="4" width="10" height="10" fill="${colors[si % colors.length]}"/><text x="${L + si * 160 + 14}" y="13">${escapeHtml(s.name)}</text>`).join('');
  const xl = b.categories.map((c, i) => `<text x="${(L + (i + 0.5) * gw).toFixed(1)}" y="${H - B + 14}" text-anchor="middle">${escapeHtml(truncate(c, 12))}</text>`).join('');
  const yl = ticks.map((t) => `<line x1="${L - 4}" x2="${W - R}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#d0d7de"/><text x="${L - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(fmt(t))}</text>`).join('');
  return `<h3>${escapeHtml(b.title)}</h3><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(b.title)}">${yl}${legend}${bars}<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#59636e"/>${xl}
${b.yLabel ? `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(b.yLabel)}</text>` : ''}</svg>`;
}

function logTicks(max: number): number[] {
  const out = [0];
  for (let v = 1; v <= max * 1.0001; v *= 10) out.push(v);
  return out;
}

function truncate(s: string, n: number): string { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

function niceTicks(max: number, count: number): number[] {
  if (!(max > 0)) return [0];
  const step0 = max / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-12; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
