import type { PlotConfig, PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useEffect, useRef, useState } from 'react';
import { plainTextFigure } from './plotText';

type PlotlyModule = typeof import('plotly.js-cartesian-dist-min').default;
let plotly: Promise<PlotlyModule> | undefined;
/** Loaded on first use: plotly is large and most tabs never plot. */
const loadPlotly = (): Promise<PlotlyModule> =>
  (plotly ??= import('plotly.js-cartesian-dist-min').then((m) => m.default));

export interface PlotProps {
  /** Accessible name of the chart (and the file name of its exports). */
  label: string;
  data: readonly PlotTrace[];
  layout?: PlotLayout;
  height?: number;
}

/**
 * Nothing on a chart leads off this origin: plotly 4 shows a "Share chart..." button by default
 * (showSendToCloud) that sends the data to cloud.plotly.com, and a logo linking to plotly.com.
 * Both off, the button also removed by name, and no server URL for it to use.
 */
const PLOT_CONFIG: PlotConfig = {
  responsive: true,
  displaylogo: false,
  showSendToCloud: false,
  plotlyServerURL: '',
  modeBarButtonsToRemove: ['sendChartToCloud'],
};

const slug = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'chart';

/** Grid lines that read on a light and a dark page alike. */
const GRID = 'rgba(128, 128, 128, 0.25)';

/**
 * The chart on the page's theme: transparent backgrounds, text in the page's colour (`color`,
 * as computed: the theme's tokens are light-dark() pairs plotly cannot read), grey grid lines.
 */
function themed(color: string, layout: PlotLayout | undefined): PlotLayout {
  const part = (key: string): Record<string, unknown> => {
    const value = layout?.[key];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const axis = (key: string) => ({ gridcolor: GRID, zerolinecolor: GRID, linecolor: GRID, ...part(key) });
  return {
    paper_bgcolor: 'rgba(0, 0, 0, 0)',
    plot_bgcolor: 'rgba(0, 0, 0, 0)',
    ...layout,
    font: { color, ...part('font') },
    xaxis: axis('xaxis'),
    yaxis: axis('yaxis'),
  };
}

/** An interactive plotly chart (hover, zoom, legend toggles) with PNG and SVG export. Updates in place. */
export function Plot({ label, data, layout, height = 300 }: PlotProps) {
  const root = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let live = true;
    loadPlotly()
      .then((p) => {
        if (!live) return;
        // Names and titles are user text: escaped here, once, for every chart (plotText.ts).
        const figure = plainTextFigure(data, {
          height,
          margin: { l: 50, r: 20, t: 30, b: 40 },
          title: { text: label, font: { size: 13 } },
          ...themed(getComputedStyle(el).color, layout),
        });
        return p.react(el, figure.data, figure.layout, {
          ...PLOT_CONFIG,
          toImageButtonOptions: { filename: slug(label) },
        });
      })
      .catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [data, layout, label, height]);
  useEffect(() => {
    const el = root.current;
    return () => {
      if (el)
        void loadPlotly().then((p) => {
          p.purge(el);
        });
    };
  }, []);
  const download = (format: 'png' | 'svg') => {
    const el = root.current;
    if (el) void loadPlotly().then((p) => p.downloadImage(el, { format, filename: slug(label) }));
  };
  return (
    <figure className="plot" aria-label={label}>
      {/* A group, not an img: plotly puts buttons and drag layers inside (axe: nested-interactive). */}
      <div ref={root} role="group" aria-roledescription="chart" aria-label={`${label} (chart)`} />
      <figcaption>
        <button
          type="button"
          onClick={() => {
            download('png');
          }}
        >
          PNG
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            download('svg');
          }}
        >
          SVG
        </button>
        {error && <span className="error"> Chart failed: {error}</span>}
      </figcaption>
    </figure>
  );
}
