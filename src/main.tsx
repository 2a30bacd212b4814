import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { registerOfflineCopy } from './ui/status/offlineCopy';
import { followThemePreference } from './ui/design/theme';
import './ui/design/tokens.css';
import './ui/design/base.css';
import './ui/design/forms.css';
import './ui/app.css';

followThemePreference();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The offline copy (production build only): after this first visit, the app loads and runs without a network.
registerOfflineCopy();
