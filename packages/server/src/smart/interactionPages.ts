import { parseResourceScope } from '@ovi/domain';
import { TEXTS, type PageLanguage, type PageTexts } from './interactionTexts';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1a1a1a;background:#f6f7f9}
main{max-width:32rem;margin:0 auto;background:#fff;padding:1.25rem;border-radius:8px;border:1px solid #d0d4da}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input{box-sizing:border-box;width:100%;min-height:44px;font-size:1rem;padding:.5rem;border:1px solid #5c6370;border-radius:4px}
button,a.button{display:inline-block;text-decoration:none;min-height:44px;box-sizing:border-box;min-width:44px;font-size:1rem;padding:.5rem 1.25rem;margin:1rem .5rem 0 0;border-radius:4px;border:2px solid #0b4f9c;cursor:pointer}
.primary{background:#0b4f9c;color:#fff}.secondary{background:#fff;color:#0b4f9c}
:focus-visible{outline:3px solid #c45500;outline-offset:2px}
.error{color:#a4000f;font-weight:600}ul{padding-left:1.25rem}.hint{color:#4a505a;font-size:.95rem}`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} – Ovi</title><style>${STYLE}</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function loginPage(lang: PageLanguage, action: string, app: string, error?: string, username = '', regionHref?: string): string {
  const t = TEXTS[lang];
  return page(
    lang,
    t.loginTitle,
    `<p>${escape(t.loginIntro(app))}</p>${error ? `<p class="error" role="alert" id="login-error">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
<label for="username">${escape(t.username)}</label><input id="username" name="username" autocomplete="username" required value="${escape(username)}"${error ? ' aria-describedby="login-error"' : ''}>
<label for="password">${escape(t.password)}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button class="primary" type="submit">${escape(t.logIn)}</button></form>${
      regionHref ? `<p>${escape(t.regionOr)}</p><p><a class="button secondary" href="${escape(regionHref)}">${escape(t.regionSignIn)}</a></p>` : ''
    }`,
  );
}

export function consentPage(lang: PageLanguage, action: string, app: string, user: string, scopes: string[], staffNote: boolean): string {
  const t = TEXTS[lang];
  const items = describeScopes(t, scopes).map((line) => `<li>${escape(line)}</li>`).join('');
  return page(
    lang,
    t.consentTitle,
    `<p>${escape(t.consentIntro(app, user))}</p><ul>${items}</ul>${staffNote ? `<p class="hint">${escape(t.staffNoPatient)}</p>` : ''}
<form method="post" action="${escape(action)}">
<button class="primary" type="submit" name="decision" value="allow">${escape(t.allow)}</button>
<button class="secondary" type="submit" name="decision" value="deny">${escape(t.deny)}</button></form>
<p class="hint">${escape(t.denyHint)}</p>`,
  );
}

export function messagePage(lang: PageLanguage, title: string, message: string): string {
  return page(lang, title, `<p role="alert">${escape(message)}</p>`);
}

/** The scopes in plain words: OpenID ones one by one, resource ones grouped by reading and writing. */
export function describeScopes(t: PageTexts, scopes: string[]): string[] {
  const lines: string[] = [];
  const groups = new Map<string, string[]>();
  for (const scope of scopes) {
    const parsed = parseResourceScope(scope);
    if (!parsed) {
      const text = t.scopes[scope];
      if (text) lines.push(text);
      continue;
    }
    const type = parsed.type === '*' ? t.everyType : parsed.type;
    const reads = parsed.permissions.has('r') || parsed.permissions.has('s');
    const writes = parsed.permissions.has('c') || parsed.permissions.has('u') || parsed.permissions.has('d');
    if (reads) groups.set(`read:${parsed.context}`, [...(groups.get(`read:${parsed.context}`) ?? []), type]);
    if (writes) groups.set(`write:${parsed.context}`, [...(groups.get(`write:${parsed.context}`) ?? []), type]);
  }
  for (const [key, types] of groups) {
    const [kind, who] = key.split(':') as ['read' | 'write', 'patient' | 'user'];
    lines.push((kind === 'read' ? t.readTypes : t.writeTypes)([...new Set(types)].join(', '), who));
  }
  return lines;
}

/** The provider's own error page (an unknown app, an unregistered redirect URI): never a redirect. */
export function errorPage(lang: PageLanguage, error: string, description?: string): string {
  const t = TEXTS[lang];
  return page(lang, t.errorTitle, `<p role="alert">${escape(t.errorHint)}</p><p class="hint">${escape(error)}${description ? `: ${escape(description)}` : ''}</p>`);
}
