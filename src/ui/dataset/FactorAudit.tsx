import { useId, useState } from 'react';
import { runDatasetAudit } from '../../app/audit';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { formatEta } from '../../lib/jobs/progress';
import { AUDIT_DEFAULTS, type FactorAuditOptions } from '../../pipeline/audit/auditOptions';
import { estimateFactorAudit } from '../../pipeline/audit/estimateAudit';
import type { FactorAuditResult } from '../../pipeline/audit/record/auditRecord';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { JobProgressView } from '../jobs/JobProgressView';
import { useJob } from '../jobs/useJob';
import { FactorAuditReport } from './FactorAuditReport';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * How visible each generative factor is in pixels for this dataset's settings: sets in which one
 * factor varies are rendered and decoded from pixel PCA (pipeline/audit). The result is stored
 * with the dataset and shown until the next run.
 */
export function FactorAudit({ dataset }: { dataset: DatasetRecord }) {
  const id = useId();
  const generating = useJobsStore((s) => s.active.generate !== null);
  const { state, run, cancel } = useJob<FactorAuditResult>();
  const [resolution, setResolution] = useState<number>(AUDIT_DEFAULTS.resolution);
  const [imagesPerFactor, setImagesPerFactor] = useState<number>(AUDIT_DEFAULTS.imagesPerFactor);
  const [renderScale, setRenderScale] = useState<number>(dataset.spec.renderScale);
  const [background, setBackground] = useState<boolean>(AUDIT_DEFAULTS.background);
  const options: FactorAuditOptions = { resolution, renderScale, imagesPerFactor, background };
  let estimate: { images: number; seconds: number } | null = null;
  let problem: string | null = null;
  try {
    estimate = estimateFactorAudit(dataset.spec, options);
  } catch (e) {
    problem = errorText(e);
  }
  const audit = state.result ?? dataset.audit ?? null;
  const number = (value: string) => (value === '' ? Number.NaN : Number(value));

  return (
    <details className="dataset-actions factor-audit">
      <summary>Factor audit</summary>
      <div
        role="group"
        aria-label={`Factor audit settings of ${dataset.name}`}
        aria-describedby={problem ? `${id}-problem` : undefined}
      >
        <p>
          How visible each factor is in pixels: for each factor, images in which it alone varies are rendered with this
          dataset&apos;s model and renderer, and a linear decoder on their PCA reports R² (continuous) or rescaled AUC
          and accuracy (categorical).
        </p>
        <label>
          Audit resolution (pixels){' '}
          <input
            type="number"
            value={Number.isNaN(resolution) ? '' : resolution}
            onChange={(e) => {
              setResolution(number(e.target.value));
            }}
          />
        </label>{' '}
        <label>
          Render scale{' '}
          <input
            type="number"
            value={Number.isNaN(renderScale) ? '' : renderScale}
            onChange={(e) => {
              setRenderScale(number(e.target.value));
            }}
          />
        </label>{' '}
        <label>
          Images per factor{' '}
          <input
            type="number"
            value={Number.isNaN(imagesPerFactor) ? '' : imagesPerFactor}
            onChange={(e) => {
              setImagesPerFactor(number(e.target.value));
            }}
          />
        </label>{' '}
        <label className="check">
          <input
            type="checkbox"
            checked={background}
            onChange={(e) => {
              setBackground(e.target.checked);
            }}
          />{' '}
          Background
        </label>{' '}
        <button
          type="button"
          disabled={state.running || generating || problem !== null}
          onClick={() => void run((signal, onProgress) => runDatasetAudit(dataset, options, signal, onProgress))}
        >
          Run factor audit
        </button>{' '}
        {estimate && (
          <span>
            {estimate.images} images, about {formatEta(estimate.seconds)}
          </span>
        )}
        {generating && <span> (waiting for the generation to finish)</span>}
        {problem && (
          <p id={`${id}-problem`} role="alert" className="error">
            {problem}
          </p>
        )}
      </div>
      {state.running && (
        <JobProgressView label="Factor audit" unit="images" progress={state.progress} onCancel={cancel} />
      )}
      {state.error && (
        <p role="alert" className="error">
          Factor audit failed: {state.error}
        </p>
      )}
      {audit && <FactorAuditReport audit={audit} name={dataset.name} />}
    </details>
  );
}
