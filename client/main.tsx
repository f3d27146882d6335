import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/app';
import { startPwa } from './app/lib/pwa';
import { trackKeyboard } from './app/lib/viewport';
import './app/styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

trackKeyboard(window);
startPwa();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
