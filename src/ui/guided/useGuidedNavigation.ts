import { useEffect } from 'react';
import { useGuidedStore } from '../../app/guided/guidedExperiment';
import { type GuidedStage, stageOf } from '../../pipeline/guided/firstExperiment';
import type { TabId } from '../routing';

const TAB_OF: Record<GuidedStage, TabId> = {
  generate: 'dataset',
  split: 'dataset',
  train: 'train',
  analyse: 'analyze',
  results: 'results',
};

/**
 * While the guided experiment runs, each step the flow begins opens its tab (a step resumed after
 * a reload does not: the page stays where the reload left it).
 */
export function useGuidedNavigation(navigate: (tab: TabId) => void): void {
  useEffect(
    () =>
      useGuidedStore.subscribe((state, previous) => {
        if (state.begun !== previous.begun && state.action && state.plan) navigate(TAB_OF[stageOf(state.action)]);
      }),
    [navigate],
  );
}
