/**
 * Every string of the web app's UI, in Japanese (the default, and the fallback) and English.
 * `ja` defines the keys; `en` must have all of them (the type says so). Placeholders are `{name}`.
 * Scenario texts (titles, ticker lines, unit names) are not here: they come bilingual from the server.
 */
import { commonEn, commonJa } from './messages-common';
import { controlEn, controlJa } from './messages-control';
import { teamEn, teamJa } from './messages-team';

const boardJa = {
  'app.name': '衛る Mamoru',
  'app.tagline': 'サイバー防御演習プラットフォーム',
  'lang.label': '表示言語',
  'lang.ja': '日本語',
  'lang.en': 'English',

  'games.title': 'ゲーム一覧',
  'games.loading': 'ゲームを読み込んでいます…',
  'games.error': 'ゲーム一覧を取得できませんでした（{message}）',
  'games.retry': '再読み込み',
  'games.empty': 'まだゲームはありません。コントロールルームでゲームを作成してください。',
  'games.teams': 'チーム数 {count}',
  'games.time': '{time} 時点',
  'games.open': '観客ボードを開く',
  'games.id': 'ゲーム ID',
  'games.nav': 'ページ',
  'games.teamLink': 'チームダッシュボード',
  'games.controlLink': 'コントロールルーム',

  'status.created': '開始前',
  'status.running': '進行中',
  'status.paused': '一時停止中',
  'status.ended': '終了',

  'notFound.title': 'ページが見つかりません',
  'notFound.body': '「{path}」というページはありません。',
  'notFound.home': 'ゲーム一覧へ戻る',

  'board.title': '観客ボード',
  'board.connecting': 'ボードに接続しています…',
  'board.refused.NOT_FOUND': 'ゲーム「{gameId}」は見つかりません。',
  'board.refused.VALIDATION': '「{gameId}」はゲーム ID として正しくありません。',
  'board.refused.other': 'サーバーが接続を拒否しました：{message}',
  'board.refused.retrying': 'ゲームが作成されると自動的に表示されます。',
  'board.backToGames': 'ゲーム一覧へ',

  'connection.connecting': '接続中…',
  'connection.connected': 'ライブ',
  'connection.reconnecting': '再接続中…',
  'connection.refused': '接続拒否',

  'clock.label': 'ゲーム内時刻',
  'clock.remaining': '残り',
  'clock.speed': '{speed} 倍速',

  'freeze.title': '順位表は凍結中（{time} 時点）',
  'freeze.detail': '表示している順位と数字は {time} 時点のものです',
  'freeze.note': '最終結果は表彰式で発表されます',

  'standings.title': '順位表',
  'standings.caption': 'チーム順位（見込み販売力の高い順）',
  'standings.frozenCaption': 'チーム順位（{time} 時点で凍結）',
  'standings.rank': '順位',
  'standings.team': 'チーム',
  'standings.esc': '見込み販売力',
  'standings.revenue': '売上',
  'standings.trust': '信用',
  'standings.downtime': '停止時間（分）',
  'standings.up': '{count} 位上昇',
  'standings.down': '{count} 位下降',
  'standings.empty': 'チームはまだ登録されていません',

  'chart.title': '売上の推移',
  'chart.label': '各チームの売上の推移（横軸：時刻、縦軸：売上）',
  'chart.empty': 'ゲームが始まると売上の推移が表示されます',

  'leaders.title': '部門トップ',
  'leaders.none': 'まだ評価なし',

  'ticker.title': '実況',
  'ticker.empty': 'まだ出来事はありません',

  'announcements.title': 'お知らせ',
  'announcements.latest': '最新のお知らせ',
} as const satisfies Record<string, string>;

/** Every key: the board's and the lists' (here), the shared forms', the team dashboard's, the control room's. */
export const ja = { ...boardJa, ...commonJa, ...teamJa, ...controlJa };

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;

const boardEn: Record<keyof typeof boardJa, string> = {
  'app.name': 'Mamoru',
  'app.tagline': 'Cyber defence exercise platform',
  'lang.label': 'Language',
  'lang.ja': '日本語',
  'lang.en': 'English',

  'games.title': 'Games',
  'games.loading': 'Loading the games…',
  'games.error': 'Could not load the games ({message})',
  'games.retry': 'Try again',
  'games.empty': 'No games yet. Create one in the control room.',
  'games.teams': 'Teams: {count}',
  'games.time': 'at {time}',
  'games.open': 'Open the audience board',
  'games.id': 'Game ID',
  'games.nav': 'Pages',
  'games.teamLink': 'Team dashboard',
  'games.controlLink': 'Control room',

  'status.created': 'Not started',
  'status.running': 'Running',
  'status.paused': 'Paused',
  'status.ended': 'Ended',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at “{path}”.',
  'notFound.home': 'Back to the games',

  'board.title': 'Audience board',
  'board.connecting': 'Connecting to the board…',
  'board.refused.NOT_FOUND': 'There is no game “{gameId}”.',
  'board.refused.VALIDATION': '“{gameId}” is not a valid game ID.',
  'board.refused.other': 'The server refused the connection: {message}',
  'board.refused.retrying': 'The board appears by itself once the game is created.',
  'board.backToGames': 'All games',

  'connection.connecting': 'Connecting…',
  'connection.connected': 'Live',
  'connection.reconnecting': 'Reconnecting…',
  'connection.refused': 'Refused',

  'clock.label': 'Game clock',
  'clock.remaining': 'Left',
  'clock.speed': '{speed}× speed',

  'freeze.title': 'The board is frozen at {time}',
  'freeze.detail': 'The standings and figures shown are those of {time}',
  'freeze.note': 'Final results will be revealed at the awards',

  'standings.title': 'Standings',
  'standings.caption': 'Team standings (highest expected sales capability first)',
  'standings.frozenCaption': 'Team standings (frozen at {time})',
  'standings.rank': 'Rank',
  'standings.team': 'Team',
  'standings.esc': 'Expected sales capability',
  'standings.revenue': 'Revenue',
  'standings.trust': 'Trust',
  'standings.downtime': 'Downtime (min)',
  'standings.up': 'up {count}',
  'standings.down': 'down {count}',
  'standings.empty': 'No teams registered yet',

  'chart.title': 'Revenue over time',
  'chart.label': 'Revenue of every team over time (horizontal: time, vertical: revenue)',
  'chart.empty': 'The chart fills in once the game is running',

  'leaders.title': 'Unit leaders',
  'leaders.none': 'Not scored yet',

  'ticker.title': 'Live ticker',
  'ticker.empty': 'Nothing has happened yet',

  'announcements.title': 'Announcements',
  'announcements.latest': 'Latest announcement',
};

export const en: Messages = { ...boardEn, ...commonEn, ...teamEn, ...controlEn };
