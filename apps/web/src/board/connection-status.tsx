import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from '../live/live-connection';
import './connection-status.css';

/** Live / connecting / reconnecting, as a dot and a word (the board keeps its last figures meanwhile). */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  return (
    <div className={`connection connection--${state}`} data-testid="connection" data-state={state} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${state}`)}
    </div>
  );
}
