import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HistoryApp } from '../../components/history/history-app';
import { useOptimizerStore } from '../../components/popup/optimizer-store';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HistoryApp />
  </StrictMode>,
);
// Leaving the page makes what was done with an "Optimize again" result final, as in the popup.
window.addEventListener('pagehide', () => useOptimizerStore.getState().finalize());
