import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { describe, expect, it } from 'vitest';
import { curveLayout, curveTraces } from '../results/curveTraces';
import { escapePlotText, escapeTemplateText, plainTextFigure } from './plotText';

const HOSTILE = '<b>x</b> & <a href="https://example.org">y</a>';

describe('plotly text escaping', () => {
  it('escapes the characters plotly reads as markup, and nothing else', () => {
    expect(escapePlotText(HOSTILE)).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href="https://example.org"&gt;y&lt;/a&gt;');
    expect(escapePlotText('R² · “net” 100 %')).toBe('R² · “net” 100 %');
    expect(escapeTemplateText('100%{y}')).toBe('100%&#123;y}');
  });

  it('escapes names, categories, titles, tick texts and annotations; leaves markup fields and numbers alone', () => {
    const trace: PlotTrace = {
      name: HOSTILE,
      x: ['<i>layer</i>', 2],
      y: [1, 2],
      text: ['a<br>b'],
      hovertemplate: '%{x}<br>%{y}',
    };
    const { data, layout } = plainTextFigure([trace], {
      title: { text: '<b>t</b>', font: { size: 13 } },
      xaxis: { title: { text: 'run <b>' }, ticktext: ['<i>a</i>'], tickvals: [1] },
      yaxis2: { title: 'y <b>' },
      annotations: [{ text: 'chance <b>', x: 1 }],
    });
    expect(data[0]).toEqual({
      name: escapePlotText(HOSTILE),
      x: ['&lt;i&gt;layer&lt;/i&gt;', 2],
      y: [1, 2],
      text: ['a<br>b'],
      hovertemplate: '%{x}<br>%{y}',
    });
    expect(layout).toEqual({
      title: { text: '&lt;b&gt;t&lt;/b&gt;', font: { size: 13 } },
      xaxis: { title: { text: 'run &lt;b&gt;' }, ticktext: ['&lt;i&gt;a&lt;/i&gt;'], tickvals: [1] },
      yaxis2: { title: 'y &lt;b&gt;' },
      annotations: [{ text: 'chance &lt;b&gt;', x: 1 }],
    });
    expect(trace.name).toBe(HOSTILE);
  });

  it('the decoding curves escape run and layer names in their hover markup', () => {
    const curves = {
      layers: [{ opNr: 1, name: '<i>conv</i>' }],
      series: [
        {
          key: 'yr',
          label: 'yaw',
          points: [{ corr: 0.5, ciLow: NaN, ciHigh: NaN, pValue: NaN, component: null }],
        },
      ],
    };
    const [trace] = curveTraces(
      [
        { name: '<b>run</b> 100%{y}', curves, dash: 'solid' },
        { name: 'other', curves, dash: 'dash' },
      ],
      new Set(['yr']),
      new Map(),
    );
    expect(trace?.hovertemplate).toBe(
      '<b>yaw</b> %{y:.3f}<br>%{text}<extra>&lt;b&gt;run&lt;/b&gt; 100%&#123;y}</extra>',
    );
    expect(trace?.text).toEqual(['&lt;i&gt;conv&lt;/i&gt;']);
    // The legend name stays plain text: Plot escapes it (a second escape would show "&amp;lt;").
    expect(trace?.name).toBe('yaw · <b>run</b> 100%{y}');
    expect(curveLayout([{ opNr: 1, name: '<i>conv</i>' }], { range: [0, 1], hidden: 0 }).xaxis).toMatchObject({
      ticktext: ['<i>conv</i>'],
    });
  });
});
