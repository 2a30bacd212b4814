/**
 * The Dataset form's estimate: records, images and bytes, and the time as a range measured on this
 * machine at these settings (app/generationSpeed.ts), or, with no measurement yet, a rough guess
 * and a button that measures (a few faces rendered and encoded in the face worker).
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { describeGenerationTime, speedKey, speedsFor } from '../../app/generationSpeed';
import { speedsVersion, subscribeSpeeds } from '../../app/speedMemory';
import { probeGenerationSpeed } from '../../app/speedProbe';
import { faceJobs } from '../../app/workers/faceClient';
import { formatRate } from '../../lib/jobs/progress';
import { formatBytes } from '../../lib/storage';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { GenerationEstimate as Estimate } from '../../pipeline/generate/estimate';
import './GenerationEstimate.css';

interface Props {
  /** The estimate paragraph's id (the Generate button is described by it). */
  id: string;
  spec: GeneratorSpec;
  estimate: Estimate;
}

export function GenerationEstimate({ id, spec, estimate }: Props) {
  // Redraws when a measurement is recorded (a probe here, a generation's end); the read is a small JSON.
  useSyncExternalStore(subscribeSpeeds, speedsVersion);
  const key = speedKey(spec);
  const time = describeGenerationTime(spec, estimate, speedsFor(spec));
  const [measuring, setMeasuring] = useState(false);
  // A note is about the settings it was measured at: shown only while they are the form's.
  const [note, setNote] = useState<{ text: string; error: boolean; key: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const measure = () => {
    const own = new AbortController();
    const probed = key;
    controller.current = own;
    setMeasuring(true);
    setNote(null);
    probeGenerationSpeed(spec, { face: faceJobs }, own.signal)
      .then((m) => {
        setNote({
          text: `Measured ${formatRate(m.imagesPerSecond, 'images')} over ${m.images} images.`,
          error: false,
          key: probed,
        });
      })
      .catch((error: unknown) => {
        if (own.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setNote({ text: `Could not measure the speed: ${message}`, error: true, key: probed });
      })
      .finally(() => {
        if (!own.signal.aborted) setMeasuring(false);
      });
  };

  return (
    <div className="generation-estimate">
      <p id={id} className="estimate" aria-label="Estimate">
        ≈ {estimate.records.toLocaleString()} parameter records, {estimate.images.toLocaleString()} images,{' '}
        {formatBytes(estimate.bytes)}, {time.text}
      </p>
      <button type="button" onClick={measure} disabled={measuring} aria-busy={measuring || undefined}>
        {measuring ? 'Measuring speed…' : time.measured ? 'Measure again' : 'Measure speed'}
      </button>
      {note?.key === key && (
        <p className={note.error ? 'error' : 'field-help'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </div>
  );
}
