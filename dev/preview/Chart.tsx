/**
 * The charts the add-in creates (Excel's sheet.charts.add), drawn over the preview's grid as
 * plain SVG: column and bar charts (clustered, stacked, 100% stacked), line charts, pie and
 * doughnut charts, each with its title, axis labels, gridlines and legend. The series values are
 * read from the source cells on every change (ChartView, workbookModel.ts), so a chart redraws
 * when the user edits its data, as in Excel. Other chart types are drawn as clustered columns
 * and say so.
 *
 * This imitates Excel's default look (Office theme colours, gridlines, legend on the right); it
 * is not Excel's renderer, so spacing, fonts and label placement differ.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ChartView } from "./model";

/** The Office theme's accent colours, the order Excel gives series (and pie slices) colours. */
export const OFFICE_ACCENTS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

/** Sizes in pixels. */
const LAYOUT = {
  padding: 6,
  titleHeight: 24,
  fontSize: 11,
  /** Rough width of a character of the labels, to reserve room before drawing. */
  charWidth: 6.2,
  legendLineHeight: 18,
  legendSwatch: 10,
  tickCount: 5,
  gap: 8,
};

type Kind = "column" | "bar" | "line" | "pie";

const KINDS: Record<string, { kind: Kind; stacked?: boolean; percent?: boolean; hole?: boolean }> =
  {
    ColumnClustered: { kind: "column" },
    ColumnStacked: { kind: "column", stacked: true },
    ColumnStacked100: { kind: "column", stacked: true, percent: true },
    BarClustered: { kind: "bar" },
    BarStacked: { kind: "bar", stacked: true },
    BarStacked100: { kind: "bar", stacked: true, percent: true },
    Line: { kind: "line" },
    LineMarkers: { kind: "line" },
    Pie: { kind: "pie" },
    PieExploded: { kind: "pie" },
    Doughnut: { kind: "pie", hole: true },
  };

const KIND_NAMES: Record<Kind, string> = {
  column: "column",
  bar: "bar",
  line: "line",
  pie: "pie",
};

const useStyles = makeStyles({
  figure: {
    position: "absolute",
    boxSizing: "border-box",
    margin: 0,
    padding: `${LAYOUT.padding}px`,
    display: "flex",
    flexDirection: "column",
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow4,
    // Drawn over the cells, as in Excel, but clicks reach the cells beneath.
    pointerEvents: "none",
    zIndex: 1,
  },
  title: {
    height: `${LAYOUT.titleHeight}px`,
    lineHeight: `${LAYOUT.titleHeight}px`,
    textAlign: "center",
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    flexShrink: 0,
  },
  body: { display: "flex", flexGrow: 1, minHeight: 0 },
  legend: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    fontSize: `${LAYOUT.fontSize}px`,
    display: "flex",
    flexWrap: "wrap",
    alignContent: "center",
    gap: "2px 10px",
    flexShrink: 0,
  },
  legendItem: {
    display: "flex",
    alignItems: "center",
    gap: "4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    maxWidth: "100%",
  },
  swatch: {
    width: `${LAYOUT.legendSwatch}px`,
    height: `${LAYOUT.legendSwatch}px`,
    flexShrink: 0,
  },
  note: { fontSize: `${LAYOUT.fontSize}px`, color: tokens.colorNeutralForeground2, flexShrink: 0 },
});

// ---------------------------------------------------------------------------- numbers

/** Round steps for a value axis from lo to hi (0 always included, as Excel's column and bar charts do). */
export function valueScale(lo: number, hi: number, count = LAYOUT.tickCount) {
  let min = Math.min(0, lo);
  let max = Math.max(0, hi);
  if (min === max) max = min + 1;
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  min = Math.floor(min / step + 1e-9) * step;
  max = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max, step, ticks };
}

/**
 * A number as a chart label, following the source cells' number format roughly: percent,
 * currency symbol and thousands separators; `decimals` as asked.
 */
export function formatNumber(v: number, format: string, decimals: number): string {
  const plain = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  const percent = plain.includes("%");
  const symbol = /£/.test(format) ? "£" : /\$/.test(format) ? "$" : /€/.test(format) ? "€" : "";
  const n = percent ? v * 100 : v;
  const text = new Intl.NumberFormat("en-GB", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(Math.abs(n));
  return `${n < 0 ? "-" : ""}${symbol}${text}${percent ? "%" : ""}`;
}

/** Decimals a tick label needs for its step. */
function stepDecimals(step: number, percent: boolean): number {
  const s = percent ? step * 100 : step;
  return s >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(s) - 1e-9));
}

/** A value as the chart's description reads it: up to two decimals, as the source shows money. */
function describeValue(v: number | null, format: string): string {
  if (v === null) return "empty";
  return formatNumber(v, format, Number.isInteger(v) ? 0 : 2);
}

function clip(text: string, width: number): string {
  const fits = Math.max(1, Math.floor(width / LAYOUT.charWidth));
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1))}…`;
}

// ---------------------------------------------------------------------------- description

/** What a screen reader hears for the drawing: the chart type and every value, per category. */
export function describeChart(chart: ChartView): string {
  const spec = KINDS[chart.type] ?? { kind: "column" as Kind };
  const type = `${spec.percent ? "100% " : ""}${spec.stacked ? "stacked " : ""}${
    spec.hole ? "doughnut" : KIND_NAMES[spec.kind]
  } chart`;
  const of = spec.kind === "pie" ? chart.series.slice(0, 1) : chart.series;
  const rows = chart.categories.map((cat, j) => {
    const parts = of.map((s) =>
      spec.kind === "pie" || chart.series.length === 1
        ? describeValue(s.values[j] ?? null, chart.valueFormat)
        : `${s.name} ${describeValue(s.values[j] ?? null, chart.valueFormat)}`
    );
    return `${cat}: ${parts.join(", ")}`;
  });
  return `${type[0].toUpperCase()}${type.slice(1)} of ${of.map((s) => s.name).join(", ")}. ${rows.join("; ")}.`;
}

// ---------------------------------------------------------------------------- drawing

const axisText = { fill: tokens.colorNeutralForeground2, fontSize: `${LAYOUT.fontSize}px` };
const gridLine = { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 };

function colour(i: number): string {
  return OFFICE_ACCENTS[i % OFFICE_ACCENTS.length];
}

type Size = { width: number; height: number };

/**
 * Column, bar and line charts: categories along one axis, values along the other (bars run
 * across, with the first category at the bottom as Excel draws them), gridlines at round values.
 */
function Cartesian({ chart, size }: { chart: ChartView; size: Size }) {
  const spec = KINDS[chart.type] ?? { kind: "column" as Kind };
  const horizontal = spec.kind === "bar";
  const n = chart.categories.length;
  // The value each segment starts and ends at (stacked: on top of the ones before it).
  const segments = chart.series.map((s) => s.values.map(() => ({ from: 0, to: 0 })));
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < n; j++) {
    const total = spec.percent
      ? chart.series.reduce((a, s) => a + Math.abs(s.values[j] ?? 0), 0) || 1
      : 1;
    let up = 0;
    let down = 0;
    chart.series.forEach((s, i) => {
      const v = (s.values[j] ?? 0) / total;
      if (spec.stacked) {
        const from = v >= 0 ? up : down;
        if (v >= 0) up += v;
        else down += v;
        segments[i][j] = { from, to: from + v };
      } else segments[i][j] = { from: 0, to: v };
      lo = Math.min(lo, segments[i][j].to);
      hi = Math.max(hi, segments[i][j].to);
    });
  }
  const format = spec.percent ? "0%" : chart.valueFormat;
  const labelsFor = (sc: ReturnType<typeof valueScale>) => {
    const decimals = stepDecimals(sc.step, format.includes("%"));
    return sc.ticks.map((t) => formatNumber(t, format, decimals));
  };
  // Room for the labels of about five steps first; then as many steps as fit without overlapping.
  const longestTick = Math.max(...labelsFor(valueScale(lo, hi)).map((t) => t.length));
  const longestCategory = Math.max(1, ...chart.categories.map((c) => c.length));
  const titleRoom = LAYOUT.fontSize + 6;
  const margin = {
    top: LAYOUT.gap,
    right: LAYOUT.gap * 2,
    left:
      (horizontal
        ? Math.min(size.width * 0.35, longestCategory * LAYOUT.charWidth)
        : longestTick * LAYOUT.charWidth) +
      LAYOUT.gap +
      ((horizontal ? chart.axisTitles.category : chart.axisTitles.value) ? titleRoom : 0),
    bottom:
      LAYOUT.fontSize +
      LAYOUT.gap +
      ((horizontal ? chart.axisTitles.value : chart.axisTitles.category) ? titleRoom : 0),
  };
  const plot = {
    x: margin.left,
    y: margin.top,
    width: Math.max(10, size.width - margin.left - margin.right),
    height: Math.max(10, size.height - margin.top - margin.bottom),
  };
  const valueLength = horizontal ? plot.width : plot.height;
  const fit = Math.floor(
    valueLength / (horizontal ? longestTick * LAYOUT.charWidth + LAYOUT.gap * 2 : 28)
  );
  const scale = valueScale(lo, hi, Math.max(1, Math.min(LAYOUT.tickCount + 3, fit)));
  const tickLabels = labelsFor(scale);
  const at = (v: number) => ((v - scale.min) / (scale.max - scale.min)) * valueLength;
  // Position along the value axis, in SVG coordinates.
  const valuePos = (v: number) => (horizontal ? plot.x + at(v) : plot.y + plot.height - at(v));
  const band = (horizontal ? plot.height : plot.width) / Math.max(1, n);
  // Category j's band starts here (bars: from the bottom up).
  const bandStart = (j: number) =>
    horizontal ? plot.y + plot.height - (j + 1) * band : plot.x + j * band;
  const clusters = spec.stacked || spec.kind === "line" ? 1 : Math.max(1, chart.series.length);
  const barWidth = (band * 0.64) / clusters;
  const shapes: React.ReactNode[] = [];
  chart.series.forEach((s, i) => {
    if (spec.kind === "line") {
      const points = s.values
        .map((v, j) =>
          v === null ? null : { x: bandStart(j) + band / 2, y: valuePos(segments[i][j].to), v, j }
        )
        .filter((p): p is { x: number; y: number; v: number; j: number } => p !== null);
      shapes.push(
        <polyline
          key={`line-${i}`}
          points={points.map((p) => `${p.x},${p.y}`).join(" ")}
          fill="none"
          stroke={colour(i)}
          strokeWidth={2.25}
        />
      );
      for (const p of points)
        shapes.push(
          <circle
            key={`point-${i}-${p.j}`}
            cx={p.x}
            cy={p.y}
            r={3.5}
            fill={colour(i)}
            data-point=""
            data-series={i}
            data-category={p.j}
            data-value={p.v}
          />
        );
      return;
    }
    s.values.forEach((v, j) => {
      if (v === null) return;
      const seg = segments[i][j];
      const a = valuePos(seg.from);
      const b = valuePos(seg.to);
      const offset = band * 0.18 + (clusters > 1 ? i * barWidth : 0);
      const along = bandStart(j) + offset;
      shapes.push(
        <rect
          key={`bar-${i}-${j}`}
          x={horizontal ? Math.min(a, b) : along}
          y={horizontal ? along : Math.min(a, b)}
          width={horizontal ? Math.abs(b - a) : barWidth}
          height={horizontal ? barWidth : Math.abs(b - a)}
          fill={colour(i)}
          data-point=""
          data-series={i}
          data-category={j}
          data-value={v}
        />
      );
    });
  });
  const categoryRoom = horizontal ? margin.left - LAYOUT.gap : band;
  return (
    <>
      {scale.ticks.map((t, k) => {
        const p = valuePos(t);
        return (
          <g key={`tick-${k}`}>
            <line
              {...(horizontal
                ? { x1: p, x2: p, y1: plot.y, y2: plot.y + plot.height }
                : { x1: plot.x, x2: plot.x + plot.width, y1: p, y2: p })}
              style={gridLine}
            />
            <text
              x={horizontal ? p : plot.x - 4}
              y={horizontal ? plot.y + plot.height + LAYOUT.fontSize + 2 : p + 4}
              textAnchor={horizontal ? "middle" : "end"}
              style={axisText}
            >
              {tickLabels[k]}
            </text>
          </g>
        );
      })}
      {shapes}
      {chart.categories.map((c, j) => (
        <text
          key={`cat-${j}`}
          x={horizontal ? plot.x - 4 : bandStart(j) + band / 2}
          y={horizontal ? bandStart(j) + band / 2 + 4 : plot.y + plot.height + LAYOUT.fontSize + 2}
          textAnchor={horizontal ? "end" : "middle"}
          style={axisText}
        >
          {clip(c, categoryRoom)}
        </text>
      ))}
      <AxisTitles chart={chart} plot={plot} size={size} horizontal={horizontal} />
    </>
  );
}

function AxisTitles({
  chart,
  plot,
  size,
  horizontal,
}: {
  chart: ChartView;
  plot: { x: number; y: number; width: number; height: number };
  size: Size;
  horizontal: boolean;
}) {
  const below = horizontal ? chart.axisTitles.value : chart.axisTitles.category;
  const beside = horizontal ? chart.axisTitles.category : chart.axisTitles.value;
  const midY = plot.y + plot.height / 2;
  return (
    <>
      {below && (
        <text x={plot.x + plot.width / 2} y={size.height - 2} textAnchor="middle" style={axisText}>
          {below}
        </text>
      )}
      {beside && (
        <text
          x={LAYOUT.fontSize}
          y={midY}
          textAnchor="middle"
          transform={`rotate(-90 ${LAYOUT.fontSize} ${midY})`}
          style={axisText}
        >
          {beside}
        </text>
      )}
    </>
  );
}

/** Pie and doughnut charts: the first series, one slice per category, clockwise from the top. */
function Pie({ chart, size }: { chart: ChartView; size: Size }) {
  const spec = KINDS[chart.type] ?? { kind: "pie" as Kind };
  const values = (chart.series[0]?.values ?? []).map((v) => (v === null ? 0 : Math.abs(v)));
  const total = values.reduce((a, b) => a + b, 0);
  const r = Math.max(4, Math.min(size.width, size.height) / 2 - LAYOUT.gap);
  const cx = size.width / 2;
  const cy = size.height / 2;
  if (total === 0) return null;
  let angle = 0;
  const point = (a: number, radius: number) =>
    `${cx + radius * Math.sin(a)},${cy - radius * Math.cos(a)}`;
  return (
    <>
      {values.map((v, j) => {
        if (v === 0) return null;
        const from = angle;
        angle += (v / total) * 2 * Math.PI;
        const to = angle;
        const large = to - from > Math.PI ? 1 : 0;
        const d =
          v === total
            ? `M${cx},${cy - r} A${r},${r} 0 1 1 ${cx - 0.01},${cy - r} Z`
            : `M${cx},${cy} L${point(from, r)} A${r},${r} 0 ${large} 1 ${point(to, r)} Z`;
        return (
          <path
            key={j}
            d={d}
            fill={colour(j)}
            stroke={tokens.colorNeutralBackground1}
            strokeWidth={1}
            data-point=""
            data-series={0}
            data-category={j}
            data-value={chart.series[0].values[j] ?? ""}
          />
        );
      })}
      {spec.hole && (
        <circle cx={cx} cy={cy} r={r / 2} style={{ fill: tokens.colorNeutralBackground1 }} />
      )}
    </>
  );
}

// ---------------------------------------------------------------------------- the figure

/** Where a chart is drawn over the grid, in pixels from the table's top-left corner. */
export type ChartBox = { left: number; top: number; width: number; height: number };

export function Chart({ chart, box }: { chart: ChartView; box: ChartBox }) {
  const styles = useStyles();
  const spec = KINDS[chart.type];
  const kind = spec?.kind ?? "column";
  // The legend names the series, or a pie's categories.
  const entries = kind === "pie" ? chart.categories : chart.series.map((s) => s.name);
  const position = chart.legend.visible ? chart.legend.position : "None";
  const side = position === "Left" || position === "Right";
  const inner = {
    width: box.width - 2 * LAYOUT.padding - 2,
    height:
      box.height -
      2 * LAYOUT.padding -
      2 -
      (chart.title ? LAYOUT.titleHeight : 0) -
      (spec ? 0 : LAYOUT.legendLineHeight),
  };
  const longest = Math.max(0, ...entries.map((e) => e.length));
  const legendWidth = side
    ? Math.min(inner.width * 0.4, longest * LAYOUT.charWidth + LAYOUT.legendSwatch + 12)
    : inner.width;
  const perLine = Math.max(
    1,
    Math.floor(inner.width / (Math.min(longest, 24) * LAYOUT.charWidth + LAYOUT.legendSwatch + 14))
  );
  const legendHeight = side
    ? inner.height
    : Math.ceil(entries.length / perLine) * LAYOUT.legendLineHeight;
  const size: Size = {
    width: Math.max(20, inner.width - (side ? legendWidth + LAYOUT.gap : 0)),
    height: Math.max(
      20,
      inner.height - (!side && position !== "None" ? legendHeight + LAYOUT.gap / 2 : 0)
    ),
  };
  const legend =
    position === "None" ? null : (
      <ul
        className={styles.legend}
        aria-label="Legend"
        style={{
          width: side ? legendWidth : undefined,
          flexDirection: side ? "column" : "row",
          justifyContent: "center",
        }}
      >
        {entries.map((e, i) => (
          <li key={i} className={styles.legendItem}>
            <span className={styles.swatch} style={{ backgroundColor: colour(i) }} aria-hidden />
            {e}
          </li>
        ))}
      </ul>
    );
  const first = position === "Left" || position === "Top";
  return (
    <figure
      className={styles.figure}
      style={box}
      data-testid="chart"
      data-chart-name={chart.name}
      data-chart-type={chart.type}
      aria-label={chart.title ? undefined : `Chart ${chart.name}`}
    >
      {chart.title && <figcaption className={styles.title}>{chart.title}</figcaption>}
      {!spec && (
        <div className={styles.note}>
          The preview draws this {chart.type} chart as clustered columns.
        </div>
      )}
      <div
        className={styles.body}
        style={{ flexDirection: side ? "row" : "column", gap: LAYOUT.gap / 2 }}
      >
        {first && legend}
        <svg
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${size.width} ${size.height}`}
          role="img"
          aria-label={describeChart(chart)}
          style={{ flexShrink: 0, fontFamily: tokens.fontFamilyBase }}
        >
          {kind === "pie" ? (
            <Pie chart={chart} size={size} />
          ) : (
            <Cartesian chart={chart} size={size} />
          )}
        </svg>
        {!first && legend}
      </div>
    </figure>
  );
}
