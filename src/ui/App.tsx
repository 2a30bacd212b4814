import { followGuided } from '../app/guided/guidedExperiment';
import { StartHereDialog, StartHerePanel } from './guided/StartHereEntry';
import { useGuidedNavigation } from './guided/useGuidedNavigation';
import { lazy, Suspense, useEffect } from 'react';
import { useComputeBackend } from './compute/useComputeBackend';
import { resumeInterruptedJobs } from '../app/jobs';
import { startStorageSummary } from '../app/storageSummary';
import { TabErrorBoundary } from './ErrorBoundary';
import { TABS, type TabId } from './routing';
import { SettingsMenu } from './settings/SettingsMenu';
import { StatusBar } from './status/StatusBar';
import { TabBar } from './TabBar';
import { useHashRoute } from './useHashRoute';

// Each tab's code loads when it is first shown (Explore's three.js and mesh, the others' forms,
// tables and charts): a first visit to Explore downloads and parses only its own.
const ExploreTab = lazy(() => import('./explore/ExploreTab'));
const DatasetTab = lazy(() => import('./dataset/DatasetTab').then((m) => ({ default: m.DatasetTab })));
const TrainTab = lazy(() => import('./train/TrainTab').then((m) => ({ default: m.TrainTab })));
const AnalyzeTab = lazy(() => import('./analyze/AnalyzeTab').then((m) => ({ default: m.AnalyzeTab })));
const ResultsTab = lazy(() => import('./results/ResultsTab').then((m) => ({ default: m.ResultsTab })));

function TabContent({ tab }: { tab: TabId }) {
  switch (tab) {
    case 'explore':
      return (
        <Suspense fallback={<p role="status">Loading the 3D view…</p>}>
          <ExploreTab />
        </Suspense>
      );
    case 'dataset':
      return <DatasetTab />;
    case 'train':
      return <TrainTab />;
    case 'analyze':
      return <AnalyzeTab />;
    case 'results':
      return <ResultsTab />;
  }
}

export function App() {
  const [tab, navigate] = useHashRoute();
  useComputeBackend();
  // On start: storage usage, and every job a reload or a closed tab interrupted continues.
  useEffect(() => {
    void startStorageSummary();
    void resumeInterruptedJobs();
    // The guided first experiment, if one runs, continues with the jobs.
    return followGuided();
  }, []);
  useGuidedNavigation(navigate);

  useEffect(() => {
    // Alt+1..5 jumps to a tab from anywhere on the page.
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = TABS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        navigate(target.id);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [navigate]);

  const label = TABS.find((t) => t.id === tab)?.label ?? '';
  return (
    <div className="app">
      <header className="app-header">
        <h1>GMF Workbench</h1>
        <TabBar active={tab} onSelect={navigate} />
        <StartHereDialog />
        <SettingsMenu />
      </header>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} aria-label={label} className="tab-panel">
        {/* Keyed by tab: an error in one tab stays there, and leaving the tab clears it. */}
        <TabErrorBoundary key={tab} label={label}>
          {tab === 'explore' && <StartHerePanel />}
          <Suspense fallback={<p role="status">Loading the {label} tab…</p>}>
            <TabContent tab={tab} />
          </Suspense>
        </TabErrorBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
