import { analysis } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { AnalysisForm } from './AnalysisForm';
import { AnalysisList } from './AnalysisList';

export function AnalyzeTab() {
  const busy = useJobsStore((s) => s.active.analyze !== null);
  return (
    <div className="analyze-tab">
      <section aria-labelledby="analyze-title">
        <h2 id="analyze-title">Analyze</h2>
        <p>
          Compress every analysed layer (input, conv, global pool, heads) with incremental PCA on training images,
          decompose every image of every split, then decode every generative factor from every layer: ridge (alpha
          chosen on validation) for continuous factors, LDA with rescaled ROC-AUC for categorical ones, 4-fold
          cross-validation within testing for identity. The run&apos;s saved query is used throughout. Each stage is
          stored; a reload resumes at the stage it reached.
        </p>
        {/* A refused start shows its reason in the list's alert; nothing else to do with it here. */}
        <AnalysisForm
          busy={busy}
          onStart={(run, datasetId, options) => void analysis.start(run, datasetId, options).catch(() => undefined)}
        />
      </section>
      <section aria-labelledby="analyses-title">
        <h2 id="analyses-title">Analyses</h2>
        <AnalysisList />
      </section>
    </div>
  );
}
