/**
 * Plotly renders a subset of HTML in every string it draws (<b>, <i>, <br>, <a href>, <span style>)
 * and decodes &amp; &lt; &gt;. A run, dataset or layer name is user text (typed, or read from an
 * imported file), so it must reach plotly escaped, or `<b>x</b>` renders bold and `<a href>` makes a
 * link to another site. Pure: no React, no plotly.
 *
 * The contract with Plot: trace names, category values (x, y), chart and axis titles, tick texts and
 * annotations are plain text and Plot escapes them all (`plainTextFigure`); `text` and
 * `hovertemplate` are markup the app composes (<br>, <b>), so their builders escape the user text
 * they put in with `escapePlotText`.
 */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';

/** The characters plotly reads as markup, as the entities it decodes back to themselves. */
export function escapePlotText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const escapeValues = <T extends number | string>(values: readonly T[]): (T | string)[] =>
  values.map((v) => (typeof v === 'string' ? escapePlotText(v) : v));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A title given as a string or as `{ text }`, escaped. */
function escapeTitle(title: unknown): unknown {
  if (typeof title === 'string') return escapePlotText(title);
  if (isRecord(title) && typeof title.text === 'string') return { ...title, text: escapePlotText(title.text) };
  return title;
}

/** An axis (xaxis, yaxis2, …) with its title and tick texts escaped. */
function escapeAxis(axis: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...axis, title: escapeTitle(axis.title) };
  if (Array.isArray(axis.ticktext))
    out.ticktext = axis.ticktext.map((t: unknown) => (typeof t === 'string' ? escapePlotText(t) : t));
  if (axis.title === undefined) delete out.title;
  return out;
}

function escapeLayout(layout: PlotLayout): PlotLayout {
  const out: PlotLayout = { ...layout };
  for (const [key, value] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key) && isRecord(value)) out[key] = escapeAxis(value);
  }
  if ('title' in layout) out.title = escapeTitle(layout.title);
  if (Array.isArray(layout.annotations))
    out.annotations = layout.annotations.map((a: unknown) =>
      isRecord(a) && typeof a.text === 'string' ? { ...a, text: escapePlotText(a.text) } : a,
    );
  return out;
}

function escapeTrace(trace: PlotTrace): PlotTrace {
  const out: PlotTrace = { ...trace };
  if (trace.name !== undefined) out.name = escapePlotText(trace.name);
  if (trace.x) out.x = escapeValues(trace.x);
  if (trace.y) out.y = escapeValues(trace.y);
  return out;
}

/** The figure with every plain-text field escaped (see the contract above); the input is not changed. */
export function plainTextFigure(
  data: readonly PlotTrace[],
  layout: PlotLayout,
): { data: PlotTrace[]; layout: PlotLayout } {
  return { data: data.map(escapeTrace), layout: escapeLayout(layout) };
}

/**
 * User text put into a hovertemplate: escaped, and `%{` written as an entity so that a name such as
 * "100%{y}" is shown as typed rather than read as a placeholder (plotly fills placeholders first,
 * then decodes entities).
 */
export function escapeTemplateText(text: string): string {
  return escapePlotText(text).replace(/%\{/g, '%&#123;');
}
