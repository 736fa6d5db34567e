'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';

// One small chart.js wrapper for the KPI page. chart.js is imported inside the effect, so it is a
// separate chunk fetched only when a chart mounts (only /admin/kpis renders this component), and
// only the controllers and elements these charts use are registered.

export type ChartUnit = 'count' | 'percent' | 'hours';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color: string;
  href?: string | null; // clicking this series' bar/point opens it
}

const fmt = (unit: ChartUnit, v: number | null) =>
  v === null ? '—' : unit === 'percent' ? `${Math.round(v * 10) / 10}%` : unit === 'hours' ? `${Math.round(v * 10) / 10} h` : String(v);

export function KpiChart({
  type,
  title,
  labels,
  series,
  unit = 'count',
  stacked = false,
  height = 220,
}: {
  type: 'bar' | 'line';
  title: string;
  labels: string[];
  series: ChartSeries[];
  unit?: ChartUnit;
  stacked?: boolean;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const router = useRouter();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    import('chart.js')
      .then(
        ({ Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend }) => {
          if (cancelled || !canvas.current) return;
          Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
          chart = new Chart(canvas.current, {
            type,
            data: {
              labels,
              // No line is drawn across a period with no data: a gap is a gap, not a trend.
              datasets: series.map((s) => ({
                label: s.label,
                data: s.data,
                backgroundColor: s.color,
                borderColor: s.color,
                borderWidth: type === 'line' ? 2 : 0,
                pointRadius: type === 'line' ? 3 : 0,
                spanGaps: false,
                tension: 0,
              })),
            },
            options: {
              responsive: true,
              maintainAspectRatio: false,
              animation: false,
              interaction: { mode: 'index', intersect: false },
              scales: {
                x: { stacked, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
                y: {
                  stacked,
                  beginAtZero: true,
                  ticks: { precision: unit === 'count' ? 0 : undefined, callback: (v) => fmt(unit, Number(v)) },
                },
              },
              plugins: {
                legend: { display: series.length > 1, position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } },
                tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${fmt(unit, ctx.parsed.y)}` } },
              },
              onClick: (_event, elements) => {
                const href = elements[0] ? series[elements[0].datasetIndex]?.href : null;
                if (href) router.push(href);
              },
              onHover: (event, elements) => {
                const target = event.native?.target as HTMLElement | undefined;
                if (target) target.style.cursor = elements[0] && series[elements[0].datasetIndex]?.href ? 'pointer' : 'default';
              },
            },
          });
        },
      )
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [type, labels, series, unit, stacked, router]);

  return (
    <figure>
      <div style={{ height }} className="relative">
        {failed ? (
          <p className="text-sm text-rose-700">The chart could not load; the numbers are in the table below.</p>
        ) : (
          <canvas ref={canvas} role="img" aria-label={`${title}. The same numbers are in the table below the chart.`} />
        )}
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-brand-700">Show the numbers</summary>
        <div className="mt-1 overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}</caption>
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2">
                  Period
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="pr-2 text-right">
                    {s.href ? (
                      <a href={s.href} className="text-brand-700 hover:underline">
                        {s.label}
                      </a>
                    ) : (
                      s.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l} className="border-t border-slate-100">
                  <th scope="row" className="py-0.5 pr-2 font-normal">
                    {l}
                  </th>
                  {series.map((s) => (
                    <td key={s.label} className="pr-2 text-right tabular-nums">
                      {fmt(unit, s.data[i] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
