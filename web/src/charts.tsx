/** Observable Plot charts rendered into a div (SVG, so tests can query the DOM). */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';

export function PlotView({ options, testid }: { options: Plot.PlotOptions; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = Plot.plot({ width: 560, height: 240, marginLeft: 50, style: { fontSize: '12px', background: 'transparent' }, ...options });
    ref.current!.replaceChildren(el);
    return () => el.remove();
  }, [JSON.stringify(options.marks?.length), options]);
  return <div class="chart" data-testid={testid} ref={ref} />;
}

export function Bars({ data, x, y, title, testid, rule, tick, xLabel, yLabel, fill = '#3b6ea8' }: {
  data: Record<string, unknown>[]; x: string; y: string; title?: string; testid?: string; rule?: number; tick?: string; xLabel?: string; yLabel?: string; fill?: string;
}) {
  if (!data.length) return <p class="muted">No data to chart.</p>;
  const marks: Plot.Markish[] = [Plot.barY(data, { x, y, fill, tip: true }), Plot.ruleY([0])];
  if (tick) marks.push(Plot.tickY(data.filter((d) => d[tick] !== null && d[tick] !== undefined), { x, y: tick, stroke: '#111', strokeWidth: 2 }));
  if (rule !== undefined) marks.push(Plot.ruleY([rule], { stroke: '#c0392b', strokeDasharray: '4,3' }));
  return (
    <figure>
      {title && <figcaption>{title}</figcaption>}
      <PlotView testid={testid} options={{ x: { label: xLabel ?? x, type: 'band' }, y: { label: yLabel ?? y, grid: true }, marks }} />
    </figure>
  );
}
