/**
 * Module demand as a stacked bar chart: one bar per period, one colour per
 * group (app/domain/demand.ts decides the groups: families, or the modules of
 * a picked family; the rest stacked in hatched grey only when it doesn't
 * dominate), and the line's capacity per period as a dashed line. Plain SVG rendered
 * the same on the server and in the browser — no layout measuring, no
 * client-only code — so server rendering and hydration agree. The chart is
 * an image with a text summary; the table beside it holds every number.
 */
import { useTranslation } from "react-i18next";

export interface DemandSeries {
  key: string;
  label: string;
  /** Quantity per period, in the order of `periods`. */
  values: number[];
}

/** One colour per drawn group (as many as MAX_DEMAND_GROUPS), told apart also without colour vision by their order in the stack and legend. */
const COLOURS = ["#1f5f99", "#e07b39", "#3a9a5b", "#b8457a", "#7a5cc4", "#c9a227", "#2a9d9f", "#8c5a2b"];
const REST_COLOUR = "#9aa0a6";

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 12, right: 12, bottom: 44, left: 48 };

/** A round step for the axis ticks: 1, 2 or 5 times a power of ten. */
function niceStep(max: number, ticks = 4): number {
  const raw = Math.max(max, 1) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

/** What the chart leaves out of its colours: drawn (hatched) when it is no larger than the largest group, else named in the legend only. */
export interface DemandRest {
  label: string;
  values: number[];
  drawn: boolean;
}

export function DemandChart({ periods, labels, series, rest, capacity }: { periods: string[]; labels: string[]; series: DemandSeries[]; rest?: DemandRest | null; capacity?: number[] }) {
  const { t } = useTranslation();
  // "(rest)" can't be a family or module code (codes have no brackets).
  const drawn = rest?.drawn ? [...series, { key: "(rest)", label: rest.label, values: rest.values }] : series;
  const colour = (k: number) => (k < series.length ? COLOURS[k % COLOURS.length]! : "url(#demand-rest)");
  const totals = periods.map((_, i) => drawn.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals, ...(capacity ?? []));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(periods.length, 1);
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(periods.length / 12);
  const summary = t("demand.chart.summary", { periods: periods.length, total: totals.reduce((a, b) => a + b, 0), max: Math.max(0, ...totals) });
  const capacityPath = capacity
    ? capacity.map((c, i) => `${i === 0 ? "M" : "L"}${PAD.left + i * slot},${y(c)} H${PAD.left + (i + 1) * slot}`).join(" ")
    : null;

  return (
    <figure className="demand-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id="demand-rest" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e4e6e9" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={REST_COLOUR} strokeWidth="3" />
          </pattern>
        </defs>
        {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} className="demand-chart__grid" />
            <text x={PAD.left - 6} y={y(v)} dy="0.32em" textAnchor="end" className="demand-chart__tick">
              {v}
            </text>
          </g>
        ))}
        {periods.map((period, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={period}>
              {drawn.map((s, k) => {
                const v = s.values[i] ?? 0;
                if (v === 0) return null;
                const rect = (
                  <rect key={s.key} x={x} y={y(base + v)} width={barW} height={y(base) - y(base + v)} fill={colour(k)} data-series={s.key}>
                    <title>{`${labels[i]}: ${s.label} ${v}`}</title>
                  </rect>
                );
                base += v;
                return rect;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="demand-chart__tick">
                  {labels[i]}
                </text>
              ) : null}
            </g>
          );
        })}
        {capacityPath ? <path d={capacityPath} className="demand-chart__capacity" fill="none" data-testid="capacity-line" /> : null}
      </svg>
      <figcaption>
        <ul className="demand-chart__legend">
          {series.map((s, k) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: COLOURS[k % COLOURS.length] }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
          {rest ? (
            <li className={rest.drawn ? undefined : "muted"}>
              {rest.drawn ? <span className="swatch swatch--rest" aria-hidden="true" /> : null}
              {rest.drawn ? rest.label : t("demand.chart.restNotDrawn", { label: rest.label })}
            </li>
          ) : null}
          {capacity ? (
            <li>
              <span className="swatch swatch--capacity" aria-hidden="true" />
              {t("demand.chart.capacity")}
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
