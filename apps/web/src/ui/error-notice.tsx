import { ApiError, NETWORK_ERROR } from '../api/client';
import { useI18n } from '../i18n/i18n-context';

/**
 * A failed action, said plainly: the server's message (its words, in English), the per-field or
 * per-line problems it listed (a scenario's `file:line:col: ...`), and the code. Texts as text.
 */
export function ErrorNotice({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError) {
    return (
      <div className="error-notice" role="alert" data-testid={testId} data-code={error.code}>
        <strong>{error.code === NETWORK_ERROR ? t('common.error.network') : error.message}</strong>
        {error.errors.length > 0 && (
          <ul className="error-notice__list">
            {error.errors.map((e, i) => (
              <li key={i}>
                {e.path && !e.message.includes(e.path) ? <code>{e.path}</code> : null} {e.message}
              </li>
            ))}
          </ul>
        )}
        {error.code !== NETWORK_ERROR && (
          <small className="error-notice__code">{t('common.error.code', { code: error.code })}</small>
        )}
      </div>
    );
  }
  return (
    <div className="error-notice" role="alert" data-testid={testId}>
      <strong>{error instanceof Error ? error.message : String(error)}</strong>
    </div>
  );
}
