import { generation } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { DatasetList } from './DatasetList';
import { GenerationProgress } from './GenerationProgress';
import { GeneratorForm } from './GeneratorForm';
import { ZipImport } from './ZipImport';

export function DatasetTab() {
  const busy = useJobsStore((s) => s.active.generate !== null);
  return (
    <div className="dataset-tab">
      <section aria-labelledby="generate-title">
        <h2 id="generate-title">Generate</h2>
        <p>
          N identities × K variations rendered from the face model in a worker and stored in this browser. A reload or a
          closed tab resumes where it stopped; complete identities are kept.
        </p>
        <GeneratorForm busy={busy} onGenerate={(spec) => void generation.start(spec)} />
      </section>
      <section aria-labelledby="datasets-title">
        <h2 id="datasets-title">Datasets</h2>
        <GenerationProgress />
        <DatasetList />
        <ZipImport />
      </section>
    </div>
  );
}
