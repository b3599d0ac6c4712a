import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HistoryApp } from '../../components/history/history-app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HistoryApp />
  </StrictMode>,
);
