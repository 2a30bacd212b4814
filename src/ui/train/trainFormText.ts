/** The Train form's words: target labels, field issues by field, and what "Train N seeds" will do. */
import type { ConfigIssue, TrainConfig } from '../../pipeline/train/runConfig';
import type { TargetName } from '../../pipeline/train/targets';
import { seedConfigs } from '../../app/jobs/seedQueue';
import type { FieldIssues } from '../forms/formFields';

export const TARGET_LABELS: Record<TargetName, string> = {
  id: 'id',
  gender: 'gender',
  ethn: 'ethnicity',
  emo: 'emotion',
  bg: 'background',
  shape: 'shape',
  tex: 'texture',
  xt: 'xt',
  yt: 'yt',
  zt: 'zt',
  xr: 'xr',
  yr: 'yr',
  zr: 'zr',
  xl: 'xl',
  yl: 'yl',
};

export function issueMap(issues: readonly (ConfigIssue | { field: 'seeds'; message: string })[]): FieldIssues {
  const map = new Map<string, string>();
  for (const i of issues) map.set(i.field, map.has(i.field) ? `${map.get(i.field) ?? ''} ${i.message}` : i.message);
  return map;
}

/** What "Train N seeds" will do, in words, under the plan. */
export function seedPlan(config: TrainConfig, seeds: number): string {
  const names = seedConfigs(config, seeds).map((c) => `“${c.name}”`);
  const shown = names.length > 3 ? `${names.slice(0, 2).join(', ')} … ${names.at(-1) ?? ''}` : names.join(', ');
  return `${seeds} runs, trained one after another: ${shown}. Pause holds the queue (the next seed starts once the paused run is resumed and completes); Stop ends it (the seeds not started yet stay listed, unstarted).`;
}
