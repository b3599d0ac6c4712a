import { createRoot } from 'react-dom/client';
import { InsertIntoPageButton } from '../../components/popup/insert-into-page-button';
import { PopupApp } from '../../components/popup/popup-app';
import { useOptimizerStore } from '../../components/popup/optimizer-store';
import { readSelectedText } from './selected-text';
import './popup.css';

const root = createRoot(document.getElementById('root')!);
const insertButton = (text: string) => (
  <InsertIntoPageButton
    text={text}
    onInserted={() => useOptimizerStore.getState().noteInserted()}
  />
);
// Closing the popup makes what was done with its result final (the history records it).
window.addEventListener('pagehide', () => useOptimizerStore.getState().finalize());
root.render(<PopupApp initialPrompt="" resultExtra={insertButton} />);
// Prefill with the page's selection once it is known; the popup is usable before that.
void readSelectedText().then((text) => {
  if (text)
    root.render(<PopupApp key="selection" initialPrompt={text} resultExtra={insertButton} />);
});
