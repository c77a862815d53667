import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { RouterProvider } from './app/router';
import { SessionProvider } from './auth/SessionContext';
import { setUpI18n } from './i18n';
import './styles.css';

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
