/** The part of plotly.js (cartesian bundle) the app uses; the package ships no types. */
declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotTrace {
    x?: readonly (number | string)[];
    y?: readonly (number | string)[];
    z?: readonly (readonly number[])[];
    name?: string;
    type?: 'scatter' | 'bar' | 'heatmap';
    mode?: 'lines' | 'markers' | 'lines+markers';
    line?: { color?: string; dash?: 'solid' | 'dash' | 'dot'; width?: number };
    marker?: {
      color?: string;
      size?: number | readonly number[];
      opacity?: number;
      symbol?: string | readonly string[];
    };
    text?: string | readonly string[] | readonly (readonly string[])[];
    opacity?: number;
    error_y?: {
      type: 'data';
      array?: readonly number[];
      arrayminus?: readonly number[];
      visible: boolean;
      symmetric?: boolean;
    };
    legendgroup?: string;
    showlegend?: boolean;
    hovertemplate?: string;
    colorscale?: string | readonly (readonly [number, string])[];
    zmin?: number;
    zmax?: number;
    hoverongaps?: boolean;
    texttemplate?: string;
    textposition?: 'none' | 'auto' | 'inside' | 'outside';
    colorbar?: Record<string, unknown>;
    visible?: boolean | 'legendonly';
    xaxis?: string;
    yaxis?: string;
  }
  export type PlotLayout = Record<string, unknown>;
  export interface PlotConfig {
    responsive?: boolean;
    displaylogo?: boolean;
    /** plotly 4: the modebar's "Share chart..." button (posts the chart to plotlyServerURL). */
    showSendToCloud?: boolean;
    plotlyServerURL?: string;
    toImageButtonOptions?: { format?: 'png' | 'svg'; filename?: string };
    modeBarButtonsToRemove?: string[];
  }
  export function react(
    root: HTMLElement,
    data: readonly PlotTrace[],
    layout?: PlotLayout,
    config?: PlotConfig,
  ): Promise<HTMLElement>;
  export function purge(root: HTMLElement): void;
  export function downloadImage(
    root: HTMLElement,
    options: { format: 'png' | 'svg'; filename: string; width?: number; height?: number },
  ): Promise<string>;
  const Plotly: { react: typeof react; purge: typeof purge; downloadImage: typeof downloadImage };
  export default Plotly;
}
