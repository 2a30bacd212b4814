import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useMemo, useState } from 'react';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import type { GeometryResult } from '../../../pipeline/beyond/records';
import type { SplitFactorsRecord } from '../../../pipeline/decompose/factors';
import type { CrossRunCka } from '../../../pipeline/geometry/geometry';
import { ckaTsv, rsaTsv } from '../../../pipeline/geometry/tables';
import { analysisJobs } from '../../../app/workers/analysisClient';
import { downloadBlob } from '../../download';
import { Plot } from '../../plots/Plot';
import { orderBy, orderedSquareRdm, rsaHeatmap, squareRows } from './geometryTraces';

const HEAT_LAYOUT = {
  xaxis: { type: 'category', tickangle: -35, automargin: true },
  yaxis: { type: 'category', autorange: 'reversed', automargin: true },
  margin: { l: 130, r: 20, t: 30, b: 110 },
};

/** Blue (negative) through white to red (positive): rho's sign at a glance. */
const DIVERGING = [
  [0, '#2166ac'],
  [0.5, '#f7f7f7'],
  [1, '#b2182b'],
] as const;

const tsv = (text: string, name: string) => {
  downloadBlob(new Blob([text], { type: 'text/tab-separated-values' }), name);
};

type OrderKey = 'sample' | 'id' | 'yr' | 'xr' | 'gender' | 'ethn' | 'emo' | 'bg';
const ORDER_KEYS: OrderKey[] = ['sample', 'id', 'yr', 'xr', 'gender', 'ethn', 'emo', 'bg'];

function orderValues(key: OrderKey, factors: SplitFactorsRecord | null, samples: readonly number[]) {
  if (key === 'sample' || !factors) return samples.map((s) => s);
  const source = key === 'gender' || key === 'ethn' || key === 'emo' ? factors.labels[key] : factors.numbers[key];
  return samples.map((s) => source[s] ?? 0);
}

function CrossRun({
  analysis,
  others,
  fileStem,
}: {
  analysis: AnalysisRecord;
  others: AnalysisRecord[];
  fileStem: string;
}) {
  const [otherId, setOtherId] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null; result: CrossRunCka | null }>({
    busy: false,
    error: null,
    result: null,
  });
  const other = others.find((a) => a.id === otherId) ?? null;
  async function compare() {
    if (!other) return;
    setState({ busy: true, error: null, result: null });
    try {
      setState({
        busy: false,
        error: null,
        result: await analysisJobs.run('crossRunCka', { a: analysis.id, b: other.id }),
      });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e), result: null });
    }
  }
  const data = useMemo((): PlotTrace[] => {
    const r = state.result;
    if (!r) return [];
    const z = Array.from({ length: r.layersA.length }, (_, i) =>
      r.cka.slice(i * r.layersB.length, (i + 1) * r.layersB.length),
    );
    return [
      {
        type: 'heatmap',
        x: r.layersB,
        y: r.layersA,
        z,
        zmin: 0,
        zmax: 1,
        colorscale: 'Viridis',
        hovertemplate: '%{y} × %{x}: %{z:.3f}<extra></extra>',
      },
    ];
  }, [state.result]);
  const layout = useMemo(
    () => ({
      ...HEAT_LAYOUT,
      xaxis: { ...HEAT_LAYOUT.xaxis, title: { text: other?.name ?? '' } },
      yaxis: { ...HEAT_LAYOUT.yaxis, title: { text: analysis.name } },
    }),
    [analysis.name, other?.name],
  );
  return (
    <div className="results-predictions">
      <label className="select">
        CKA with{' '}
        <select
          aria-label="CKA with"
          value={otherId}
          onChange={(e) => {
            setOtherId(e.target.value);
          }}
        >
          <option value="">choose an analysis of the same images</option>
          {others.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={!other || state.busy} onClick={() => void compare()}>
        {state.busy ? 'Comparing…' : 'Compare layers'}
      </button>
      {state.error && <p className="error">{state.error}</p>}
      {state.result && (
        <>
          <Plot
            label="CKA between runs"
            data={data}
            layout={layout}
            height={Math.max(300, 140 + 30 * state.result.layersA.length)}
          />
          <button
            type="button"
            onClick={() => {
              if (state.result) tsv(ckaTsv(state.result), `${fileStem}_cross_run_cka.tsv`);
            }}
          >
            Download cross-run CKA TSV
          </button>
        </>
      )}
    </div>
  );
}

/** RSA of every layer with every factor, one layer's RDM, CKA between layers and between runs. */
export function GeometryPanel({
  result,
  analysis,
  others,
  factors,
  fileStem,
}: {
  result: GeometryResult;
  analysis: AnalysisRecord;
  others: AnalysisRecord[];
  factors: SplitFactorsRecord | null;
  fileStem: string;
}) {
  const [layer, setLayer] = useState(result.layers[result.layers.length - 1] ?? '');
  const [orderKey, setOrderKey] = useState<OrderKey>('yr');
  const rsa = useMemo((): PlotTrace[] => {
    const h = rsaHeatmap(result);
    return [
      {
        type: 'heatmap',
        x: h.x,
        y: h.y,
        z: h.z,
        text: h.text,
        zmin: -1,
        zmax: 1,
        colorscale: DIVERGING,
        hoverongaps: false,
        colorbar: { title: { text: 'rho' } },
        hovertemplate: '%{y} at %{x}: rho %{z:.3f}, %{text}<extra></extra>',
      },
    ];
  }, [result]);
  const cka = useMemo(
    (): PlotTrace[] => [
      {
        type: 'heatmap',
        x: result.layers,
        y: result.layers,
        z: squareRows(result.cka, result.layers.length),
        zmin: 0,
        zmax: 1,
        colorscale: 'Viridis',
        hovertemplate: '%{y} × %{x}: %{z:.3f}<extra></extra>',
      },
    ],
    [result],
  );
  const rdm = useMemo((): PlotTrace[] => {
    const l = result.layers.indexOf(layer);
    const condensed = result.rdms[l];
    if (!condensed) return [];
    const values = orderValues(orderKey, factors, result.samples);
    const order = orderBy(values);
    const labels = order.map(
      (i) => `${orderKey === 'sample' ? 'sample' : orderKey} ${String(values[i])} (#${result.samples[i] ?? i})`,
    );
    return [
      {
        type: 'heatmap',
        x: labels,
        y: labels,
        z: orderedSquareRdm(condensed, result.samples.length, order),
        colorscale: 'Viridis',
        colorbar: { title: { text: '1 − r' } },
        hovertemplate: '%{y}<br>%{x}: %{z:.3f}<extra></extra>',
      },
    ];
  }, [result, layer, orderKey, factors]);
  const rdmLayout = useMemo(
    () => ({ xaxis: { showticklabels: false }, yaxis: { showticklabels: false, autorange: 'reversed' } }),
    [],
  );
  return (
    <section aria-label="Representational geometry" className="results-beyond">
      <h3>Representational geometry</h3>
      <p className="results-note">
        RDMs (1 − Pearson r) of {result.samples.length} testing images; RSA is Spearman&apos;s rho with each
        factor&apos;s model RDM (|a − b|, or same / different label), p from relabelling the images; CKA is linear CKA
        on all testing images.
      </p>
      <Plot
        label="RSA with each factor"
        data={rsa}
        layout={HEAT_LAYOUT}
        height={Math.max(300, 140 + 26 * new Set(result.rsa.map((r) => r.factor)).size)}
      />
      <div className="results-pickers">
        <label className="select">
          RDM layer{' '}
          <select
            aria-label="RDM layer"
            value={layer}
            onChange={(e) => {
              setLayer(e.target.value);
            }}
          >
            {result.layers.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label className="select">
          Order images by{' '}
          <select
            aria-label="Order images by"
            value={orderKey}
            onChange={(e) => {
              setOrderKey(e.target.value as OrderKey);
            }}
          >
            {ORDER_KEYS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="results-grid">
        <Plot label="Layer RDM" data={rdm} layout={rdmLayout} height={420} />
        <Plot
          label="CKA between layers"
          data={cka}
          layout={HEAT_LAYOUT}
          height={Math.max(300, 140 + 30 * result.layers.length)}
        />
      </div>
      <button
        type="button"
        onClick={() => {
          tsv(rsaTsv(result), `${fileStem}_rsa.tsv`);
        }}
      >
        Download RSA TSV
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          tsv(ckaTsv(result), `${fileStem}_cka.tsv`);
        }}
      >
        Download CKA TSV
      </button>
      <CrossRun analysis={analysis} others={others} fileStem={fileStem} />
    </section>
  );
}
