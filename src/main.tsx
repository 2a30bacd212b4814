import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { warmUpFaceModel } from './app/workers/faceClient';
import { afterFirstFace, expectFirstFace } from './app/workers/startupGate';
import { App } from './ui/App';
import { tabFromHash } from './ui/routing';
import { registerOfflineCopy } from './ui/status/offlineCopy';
import { followThemePreference } from './ui/design/theme';
import './ui/design/tokens.css';
import './ui/design/base.css';
import './ui/design/forms.css';
import './ui/app.css';

// Opening on Explore, the first face is what the visitor waits for: the face worker starts
// building the model before React renders (in parallel with it and with Explore's code loading),
// and work no one waits for yet waits for that face. A link to a particular face (#/explore?f=…)
// may name another model: Explore asks for that one itself.
if (tabFromHash(window.location.hash) === 'explore') {
  expectFirstFace();
  if (!window.location.hash.includes('?')) warmUpFaceModel();
}

followThemePreference();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The offline copy (production build only): after this first visit, the app loads and runs
// without a network. Its download (the whole build, ~36 MB) starts once the first face shows.
void afterFirstFace().then(registerOfflineCopy);
