/**
 * One line of a job's progress as a researcher reads it: what is counted (with its unit), the
 * speed in images/s whatever the job counts, and the time left.
 */
import { formatEta, formatRate, type JobProgress } from './progress';

/** `progress` tagged with what it counts and how many images one counted item is. */
export function countedIn(progress: JobProgress, unit: string, imagesPerItem?: number): JobProgress {
  const tagged: JobProgress = { ...progress, unit };
  if (imagesPerItem !== undefined && imagesPerItem > 0) tagged.imagesPerItem = imagesPerItem;
  else delete tagged.imagesPerItem;
  return tagged;
}

/** Images per second; null when what the job counts is not images (layers decoded, views computed). */
export function imagesPerSecond(progress: Pick<JobProgress, 'rate' | 'unit' | 'imagesPerItem'>): number | null {
  const perItem = progress.imagesPerItem ?? (progress.unit === 'images' ? 1 : null);
  return perItem === null ? null : progress.rate * perItem;
}

/**
 * "40 / 100 parameter records (120 / 300 images) · 25.0 images/s · 4 s left". The image counts
 * are added where an item is a whole number of images other than one (a training step's last
 * batch may be short, so steps give a rate only); the rate is left out where nothing counted is an image.
 */
export function progressSummary(progress: JobProgress): string {
  const { done, total, unit = 'items', imagesPerItem } = progress;
  let counts = `${done} / ${total} ${unit}`;
  if (unit !== 'images' && imagesPerItem !== undefined && imagesPerItem !== 1 && Number.isInteger(imagesPerItem))
    counts += ` (${done * imagesPerItem} / ${total * imagesPerItem} images)`;
  const rate = imagesPerSecond(progress);
  const parts = [
    counts,
    ...(rate === null ? [] : [formatRate(rate, 'images')]),
    `${formatEta(progress.etaSeconds)} left`,
  ];
  return parts.join(' · ');
}
