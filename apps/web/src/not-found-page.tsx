import { useI18n } from './i18n/i18n-context';
import { LanguageSwitch } from './i18n/language-switch';
import { Link } from './routing/link';
import { useDocumentTitle } from './use-document-title';

/** Any address the app does not know. */
export function NotFoundPage({ path }: { path: string }) {
  const { t } = useI18n();
  useDocumentTitle(`${t('notFound.title')} · Mamoru`);
  return (
    <div className="page" data-testid="not-found">
      <header className="page__header">
        <p className="page__brand">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main className="notice">
        <h1 className="page__title">{t('notFound.title')}</h1>
        <p>{t('notFound.body', { path })}</p>
        <p>
          <Link className="button" to="/">
            {t('notFound.home')}
          </Link>
        </p>
      </main>
    </div>
  );
}
