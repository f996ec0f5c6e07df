import { useI18n } from '../i18n/i18n-context';

/** While a page's code loads (the team dashboard and the control room load on demand). */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <p className="app-page muted" role="status" data-testid="page-loading">
      {t('common.loading')}
    </p>
  );
}
