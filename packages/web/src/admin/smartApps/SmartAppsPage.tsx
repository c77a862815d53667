/**
 * Admin: the SMART apps that may ask residents and staff for access to Ovi's FHIR API
 * (decision 027). A table of the registered apps with where each may return and call from,
 * a form to register or change one, and removal, which ends the app's sessions and tokens at
 * once (so it asks first).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { StatusMessage } from '../../components/StatusMessage';
import { useAsync } from '../../components/useAsync';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { SmartAppForm } from './SmartAppForm';
import { fetchSmartApps, removeSmartApp, type SmartApp } from './smartApps.resource';
import './smartApps.css';

type Editing = { kind: 'new' } | { kind: 'edit'; app: SmartApp } | undefined;

export function SmartAppsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const apps = useAsync(fetchSmartApps, []);
  const [editing, setEditing] = useState<Editing>();
  const [confirming, setConfirming] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [status, setStatus] = useState<string>();

  const remove = async (app: SmartApp) => {
    setFailure(undefined);
    try {
      await removeSmartApp(app.clientId);
      setConfirming(undefined);
      setStatus(t('smartApps.removed', { name: app.name }));
      apps.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <>
      <PageHeading title={t('smartApps.title')}>{t('smartApps.title')}</PageHeading>
      <p className="lead">{t('smartApps.intro')}</p>
      <p>{t('smartApps.scopesOnlyNarrow')}</p>
      <StatusMessage tone="success" testId="smart-app-status">
        {status}
      </StatusMessage>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {apps.loading && !apps.data && <Loading />}
      {apps.error !== undefined && <ErrorMessage error={apps.error} onRetry={apps.reload} />}
      {apps.data && apps.data.length === 0 && <p data-testid="smart-apps-none">{t('smartApps.none')}</p>}
      {apps.data && apps.data.length > 0 && (
        <TableWrap labelledBy="smart-apps-caption">
          <table className="table table-stack" data-testid="smart-apps">
            <caption id="smart-apps-caption">{t('smartApps.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('smartApps.field.name')}</th>
                <th scope="col">{t('smartApps.field.redirectUris')}</th>
                <th scope="col">{t('smartApps.field.origins')}</th>
                <th scope="col">{t('smartApps.registered')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('smartApps.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apps.data.map((app) => (
                <tr key={app.clientId} data-testid={`smart-app-${app.clientId}`}>
                  <th scope="row">
                    {app.name}
                    <br />
                    <code className="small">{app.clientId}</code>
                  </th>
                  <td data-label={t('smartApps.field.redirectUris')}>
                    <AddressList addresses={app.redirectUris} />
                  </td>
                  <td data-label={t('smartApps.field.origins')}>{app.origins.length > 0 ? <AddressList addresses={app.origins} /> : <span className="muted">{t('smartApps.noOrigins')}</span>}</td>
                  <td data-label={t('smartApps.registered')}>
                    {app.registeredAt ? formatDateTime(app.registeredAt, lang) : ''}
                    {app.registeredBy ? <span className="muted small"> · {app.registeredBy}</span> : null}
                  </td>
                  <td>
                    {confirming === app.clientId ? (
                      <div className="form-actions" role="group" aria-label={t('smartApps.confirmRemove', { name: app.name })}>
                        <p className="small">{t('smartApps.confirmRemove', { name: app.name })}</p>
                        <button type="button" className="button button-danger" onClick={() => void remove(app)} data-testid="smart-app-remove-confirm">
                          {t('smartApps.removeConfirm')}
                        </button>
                        <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                          {t('smartApps.cancel')}
                        </button>
                      </div>
                    ) : (
                      <div className="form-actions">
                        <button type="button" className="button" onClick={() => (setEditing({ kind: 'edit', app }), setStatus(undefined))} data-testid="smart-app-edit">
                          {t('smartApps.edit')}
                          <span className="visually-hidden"> {app.name}</span>
                        </button>
                        <button type="button" className="button" onClick={() => (setConfirming(app.clientId), setStatus(undefined))} data-testid="smart-app-remove">
                          {t('smartApps.remove')}
                          <span className="visually-hidden"> {app.name}</span>
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {editing ? (
        <SmartAppForm
          key={editing.kind === 'edit' ? editing.app.clientId : 'new'}
          editing={editing.kind === 'edit' ? editing.app : undefined}
          onCancel={() => setEditing(undefined)}
          onSaved={(app) => {
            setEditing(undefined);
            setStatus(t('smartApps.saved', { name: app.name }));
            apps.reload();
          }}
        />
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={() => (setEditing({ kind: 'new' }), setStatus(undefined))} data-testid="smart-app-new">
            {t('smartApps.new')}
          </button>
        </p>
      )}
    </>
  );
}

function AddressList({ addresses }: { addresses: string[] }) {
  return (
    <ul className="plain-list small">
      {addresses.map((a) => (
        <li key={a}>
          <code className="address">{a}</code>
        </li>
      ))}
    </ul>
  );
}
