import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js' with { 'resolution-mode': 'import' };
import { existsSync } from 'node:fs';

// chart.js ships its types as an ES module beside a CommonJS build; the server compiles to
// CommonJS, so the build is required and typed from the module's declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chartJs = require('chart.js') as typeof ChartJs;
const { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Title } = chartJs;

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Title);

/** Where Debian's fonts-noto-cjk puts its faces; a machine without them draws CJK as boxes, so the first found is registered. */
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];
const FAMILY = 'Hallwatch CJK';
let fontReady = false;

function ensureFont(): void {
  if (fontReady) return;
  fontReady = true;
  const file = CJK_FONTS.find((f) => existsSync(f));
  if (file) GlobalFonts.registerFromPath(file, FAMILY);
  Chart.defaults.font.family = `"${FAMILY}", sans-serif`;
  Chart.defaults.font.size = 22;
  Chart.defaults.color = '#333';
}

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  kind: 'bar' | 'line';
  color: string;
  /** Lines of rates go on the right-hand axis, 0–100. */
  axis?: 'count' | 'percent';
}

export interface ChartSpec {
  title: string;
  labels: string[];
  series: ChartSeries[];
  width?: number;
  height?: number;
}

/** A chart as PNG bytes, drawn server-side on a canvas (no browser). */
export function chartPng(spec: ChartSpec): Buffer {
  ensureFont();
  const width = spec.width ?? 1200;
  const height = spec.height ?? 560;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const percent = spec.series.some((s) => s.axis === 'percent');
  const counts = spec.series.some((s) => s.axis !== 'percent');
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        type: s.kind,
        label: s.label,
        data: s.values,
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: s.kind === 'line' ? 4 : 0,
        pointRadius: s.kind === 'line' ? 6 : 0,
        yAxisID: s.axis === 'percent' ? 'percent' : 'count',
        // A month without ratings has no rate: left blank rather than drawn through.
        spanGaps: false,
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: { title: { display: true, text: spec.title, font: { size: 28 } }, legend: { position: 'bottom' } },
      scales: {
        x: { ticks: { autoSkip: true, maxRotation: 0 } },
        count: { type: 'linear', position: 'left', display: counts, beginAtZero: true, ticks: { precision: 0 } },
        percent: { type: 'linear', position: 'right', display: percent, min: 0, max: 100, grid: { drawOnChartArea: !counts } },
      },
    },
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
