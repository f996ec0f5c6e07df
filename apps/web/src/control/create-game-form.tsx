import type { ChangeEvent, FormEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { GAME_ID_PATTERN } from '../routing/routes';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { BundledScenario, ControlApi, GameSummary } from './control-types';
import { problemExcerpts } from './scenario-problems';

/** Until the server lists its bundled scenarios (`GET /api/scenarios`), the one it always has. */
/** A scenario to pick: the server's list, or only its name while the list cannot be read. */
type ScenarioOption = Pick<BundledScenario, 'name'> & Partial<BundledScenario>;
const FALLBACK_SCENARIOS: ScenarioOption[] = [{ name: 'classic' }];

interface CreateBody {
  scenarioName?: string;
  scenarioYaml?: string;
  gameId?: string;
  seed?: number;
  teams?: { name: string }[];
}

/** Team names, one per line (blank lines skipped). */
export function teamNamesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * A new game: a bundled scenario, or a YAML file (uploaded or pasted; the YAML wins when there is
 * any), an optional id, seed and teams. A scenario with problems shows each problem and the lines
 * of the YAML where it is.
 */
export function CreateGameForm({ api, onCreated }: { api: ControlApi; onCreated(gameId: string): void }) {
  const { t, text } = useI18n();
  const id = useId();
  const [scenarios, setScenarios] = useState<ScenarioOption[]>(FALLBACK_SCENARIOS);
  const [scenarioName, setScenarioName] = useState('classic');
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [gameId, setGameId] = useState('');
  const [seed, setSeed] = useState('');
  const [teams, setTeams] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [sentYaml, setSentYaml] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.request<{ scenarios: BundledScenario[] }>('/api/scenarios').then(
      (answer) => {
        if (!live || !Array.isArray(answer?.scenarios) || answer.scenarios.length === 0) return;
        setScenarios(answer.scenarios);
        setScenarioName((current) =>
          answer.scenarios.some((s) => s.name === current) ? current : answer.scenarios[0].name,
        );
      },
      () => undefined, // not there yet (404): keep the fallback
    );
    return () => {
      live = false;
    };
  }, [api]);

  const action = useAction(async (_key: string, body: CreateBody) => {
    const summary = await api.request<GameSummary>('/api/games', { method: 'POST', body });
    onCreated(summary.gameId);
    return summary;
  });

  const usesYaml = yaml.trim().length > 0;

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    void file.text().then((content) => {
      setYaml(content);
      setFileName(file.name);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocal(null);
    const body: CreateBody = usesYaml ? { scenarioYaml: yaml } : { scenarioName };
    const id = gameId.trim();
    if (id) {
      if (!GAME_ID_PATTERN.test(id)) {
        action.reset();
        setLocal(t('control.create.badGameId'));
        return;
      }
      body.gameId = id;
    }
    if (seed.trim()) {
      const value = Number(seed.trim());
      if (!Number.isInteger(value) || value < 0 || value > 2 ** 31) {
        action.reset();
        setLocal(t('control.create.badSeed'));
        return;
      }
      body.seed = value;
    }
    const names = teamNamesOf(teams);
    if (names.length > 0) body.teams = names.map((name) => ({ name }));
    setSentYaml(usesYaml ? yaml : null);
    void action.run(body);
  };

  const error = action.error;
  const excerpts =
    error instanceof ApiError && error.code === 'SCENARIO_INVALID' && sentYaml
      ? problemExcerpts(
          sentYaml,
          error.errors.map((e) => e.message),
        )
      : [];

  return (
    <form className="panel control-create" onSubmit={submit} data-testid="create-game" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('control.create.title')}</h2>
      <label className="field">
        <span>{t('control.create.scenario')}</span>
        <select
          value={scenarioName}
          onChange={(e) => setScenarioName(e.target.value)}
          disabled={usesYaml}
          data-testid="create-scenario-pick"
        >
          {scenarios.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title ? `${text(s.title)} (${s.name})` : s.name}
              {s.durationMinutes ? ` — ${t('common.minutes', { count: s.durationMinutes })}` : ''}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="control-create__yaml">
        <legend>{t('control.create.yamlLegend')}</legend>
        <label className="field">
          <span>{t('control.create.file')}</span>
          <input type="file" accept=".yaml,.yml" onChange={readFile} data-testid="create-scenario-file" />
        </label>
        <label className="field">
          <span>{t('control.create.yaml')}</span>
          <textarea
            value={yaml}
            onChange={(e) => {
              setYaml(e.target.value);
              setFileName(null);
            }}
            spellCheck={false}
            className="control-mono"
            rows={6}
            data-testid="create-scenario-yaml"
          />
          <small>{t('control.create.yamlHint')}</small>
        </label>
        {usesYaml && (
          <button type="button" className="button button--secondary button--small" onClick={() => setYaml('')}>
            {t('control.create.clearYaml')}
          </button>
        )}
      </fieldset>
      <p className="control-create__source" data-testid="create-source">
        {usesYaml
          ? t('control.create.usingYaml', {
              name: fileName ?? t('control.create.pasted'),
              lines: yaml.split(/\r?\n/).length,
            })
          : t('control.create.usingBundled', { name: scenarioName })}
      </p>
      <div className="control-create__row">
        <label className="field">
          <span>{t('control.create.gameId')}</span>
          <input
            value={gameId}
            onChange={(e) => setGameId(e.target.value)}
            placeholder="day-1"
            autoCapitalize="off"
            spellCheck={false}
            data-testid="create-game-id"
          />
          <small>{t('control.create.gameIdHint')}</small>
        </label>
        <label className="field">
          <span>{t('control.create.seed')}</span>
          <input
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            inputMode="numeric"
            className="num"
            data-testid="create-seed"
          />
          <small>{t('control.create.seedHint')}</small>
        </label>
      </div>
      <label className="field">
        <span>{t('control.create.teams')}</span>
        <textarea value={teams} onChange={(e) => setTeams(e.target.value)} rows={4} data-testid="create-teams" />
        <small>{t('control.create.teamsHint')}</small>
      </label>
      {local && (
        <div className="error-notice" role="alert" data-testid="create-error">
          <strong>{local}</strong>
        </div>
      )}
      <ErrorNotice error={error} testId="create-error" />
      {excerpts.length > 0 && (
        <div className="control-excerpt" data-testid="create-error-lines" aria-label={t('control.create.whereLabel')}>
          <p className="muted">{t('control.create.where')}</p>
          {excerpts.map((excerpt, i) => (
            <pre key={i} className="control-excerpt__block">
              {excerpt.map((line) => (
                <div
                  key={line.number}
                  className={
                    line.problems.length > 0
                      ? 'control-excerpt__line control-excerpt__line--bad'
                      : 'control-excerpt__line'
                  }
                  data-line={line.number}
                >
                  <span className="control-excerpt__number">{line.number}</span>
                  <span className="control-excerpt__text">{line.text}</span>
                  {line.problems.map((p, j) => (
                    <span key={j} className="control-excerpt__problem">
                      {'↑ '}
                      {p}
                    </span>
                  ))}
                </div>
              ))}
            </pre>
          ))}
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={action.pending} data-testid="create-submit">
          {action.pending ? t('common.working') : t('control.create.submit')}
        </button>
      </div>
    </form>
  );
}
