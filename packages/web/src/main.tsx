import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { RouterProvider } from './app/router';
import { SessionProvider } from './auth/SessionContext';
import { setUpI18n } from './i18n';
import './styles.css';

// Screens are loaded when first opened (App.tsx). After a new release, a page opened before it
// asks for chunk files that no longer exist: load the page afresh (the session survives in
// sessionStorage), but only once a minute, so a real outage shows its error instead of looping.
const RELOADED_AT = 'ovi.reloadedForNewRelease';
window.addEventListener('vite:preloadError', (event) => {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return;
  }
  event.preventDefault();
  window.location.reload();
});

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');

void setUpI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <RouterProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </RouterProvider>
    </StrictMode>,
  );
});
