import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/popup-app';
import { readSelectedText } from './selected-text';
import './popup.css';

const root = createRoot(document.getElementById('root')!);
root.render(<PopupApp initialPrompt="" />);
// Prefill with the page's selection once it is known; the popup is usable before that.
void readSelectedText().then((text) => {
  if (text) root.render(<PopupApp key="selection" initialPrompt={text} />);
});
