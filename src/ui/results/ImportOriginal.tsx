import { useState } from 'react';
import { analysis } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { FileInput } from '../forms/FileInput';

type ImportState =
  | { state: 'idle' }
  | { state: 'reading'; file: string }
  /** decoded: imported and (a decomposed.h5) decoded; waiting: to be resumed in the Analyze tab. */
  | { state: 'imported'; name: string; id: string; next: 'decoding' | 'decoded' | 'waiting' }
  | { state: 'refused'; message: string };

/**
 * Imports the original pipeline's `*_decomposed.h5` (decoded here, like any analysis) or
 * `*_perf.tsv` (curves only) as an analysis; a refused file is said next to the control.
 */
export function ImportOriginal() {
  const [status, setStatus] = useState<ImportState>({ state: 'idle' });
  const active = useJobsStore((s) => s.active.analyze);
  async function importFile(file: File) {
    setStatus({ state: 'reading', file: file.name });
    try {
      const { record, decoding } = await analysis.importOriginal(file);
      const imported = { state: 'imported', name: record.name, id: record.id } as const;
      if (record.stage === 'decode' && !decoding) {
        setStatus({ ...imported, next: 'waiting' });
        return;
      }
      if (!decoding) {
        setStatus({ ...imported, next: 'decoded' });
        return;
      }
      setStatus({ ...imported, next: 'decoding' });
      const done = await decoding;
      if (done?.status === 'complete') setStatus({ ...imported, next: 'decoded' });
      else if (done?.status === 'failed')
        setStatus({ state: 'refused', message: `“${record.name}” was imported but not decoded: ${done.error ?? ''}` });
      else setStatus({ ...imported, next: 'waiting' });
    } catch (e) {
      setStatus({ state: 'refused', message: e instanceof Error ? e.message : String(e) });
    }
  }
  const p = status.state === 'imported' && active?.id === status.id ? active.progress : null;
  return (
    <div className="import-original">
      <FileInput
        label="Import original files (*_decomposed.h5, *_perf.tsv)"
        accept=".h5,.hdf5,.tsv"
        disabled={status.state === 'reading'}
        onFile={(file) => {
          void importFile(file);
        }}
      />
      {status.state === 'reading' && <span role="status">Reading {status.file}…</span>}
      {status.state === 'imported' && (
        <span role="status">
          Imported “{status.name}”
          {status.next === 'decoded'
            ? '.'
            : status.next === 'waiting'
              ? '; not decoded yet: resume it in the Analyze tab (once no other analysis runs).'
              : `; decoding${p ? ` (${p.done} / ${p.total} layers)` : ''}…`}
        </span>
      )}
      {status.state === 'refused' && (
        <p role="alert" className="error">
          Import refused: {status.message}
        </p>
      )}
    </div>
  );
}
