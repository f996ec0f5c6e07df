import { applyClockEvent } from '../clock/clock';
import type { EventOf, StoredEvent } from '../events/events';
import type { InboxInject, Scenario } from '../scenario/scenario';
import { productById } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';
import { UNIT_IDS } from '../scenario/schema';
import type { FoldSink, LedgerCause, LedgerComponent } from '../scoring/ledger';
import { autoGrade, timeliness } from '../scoring/responses';
import { expectedSalesCapability } from '../scoring/units';
import type { Bilingual } from '../text/text';
import { formatGameTime } from '../time/game-time';
import type { GameState, InboxItem, TeamState } from './state';
import { ANNOUNCEMENTS_KEEP, emptyGameState, POINTS_SCALE, TICKER_KEEP, TRUST_SCALE } from './state';

/**
 * The fold (architecture principle 2): events in, state out, with no I/O, clock or randomness.
 * The live board, the worker's scoring, replay and the tests all call this one function. The input
 * state is never modified; a ledger sink, if given, receives every score change with its cause.
 */
export function foldEvents(
  state: GameState | undefined,
  events: readonly StoredEvent[],
  sink: FoldSink = {},
): GameState {
  return foldEventsInPlace(state ? structuredClone(state) : emptyGameState(), events, sink);
}

/**
 * The same fold, applied to a state the caller owns (a projection that folds each new tick onto
 * its own copy): no clone per call, so a tick costs its new events, not the size of the state.
 */
export function foldEventsInPlace(state: GameState, events: readonly StoredEvent[], sink: FoldSink = {}): GameState {
  const folder = new Folder(state, sink);
  for (const event of events) folder.apply(event);
  return state;
}

class Folder {
  /** Teams whose ESC inputs changed in the current event, with the minute of the last change. */
  private readonly escTouched = new Map<TeamState, number>();

  constructor(
    private readonly state: GameState,
    private readonly sink: FoldSink,
  ) {}

  apply(event: StoredEvent): void {
    if (event.seq <= this.state.seq) return; // already folded (snapshot overlap)
    this.applyEvent(event);
    // ESC is settled once per event: a value passed through between two entries of one event (points
    // offered, then earned) is never reached, so it must not move the time-of-final-score tie-break.
    for (const [team, atMinute] of this.escTouched) this.updateEsc(team, atMinute);
    this.escTouched.clear();
  }

  private applyEvent(event: StoredEvent): void {
    this.state.seq = event.seq;
    this.state.clock = safeClock(this.state, event);
    switch (event.type) {
      case 'game.created':
        this.state.gameId = event.data.gameId;
        this.state.seed = event.data.seed;
        this.state.scenario = event.data.scenario;
        return;
      case 'team.registered':
        return this.registerTeam(event);
      case 'clock.started':
      case 'clock.paused':
      case 'clock.resumed':
      case 'clock.speed-changed':
        return;
      case 'game.ended':
        this.state.ended = true;
        return;
      case 'inject.delivered':
        return this.deliverInject(event);
      case 'attack.finished':
        return this.finishAttack(event);
      case 'crawl.observed':
        return this.observeCrawl(event);
      case 'tick.closed':
        return this.closeTick(event);
      case 'response.submitted':
        return this.submitResponse(event);
      case 'response.graded':
        return this.gradeResponse(event);
      case 'stock.ordered':
        return this.orderStock(event);
      case 'price.set': {
        const team = this.team(event.data.teamId);
        if (team) team.pricesYen[event.data.productId] = event.data.priceYen;
        return;
      }
      case 'ad.bought':
        return this.buyAd(event);
      case 'loan.taken':
      case 'loan.repaid':
        return this.loan(event);
      case 'notice.published':
        return this.publishNotice(event);
      case 'shop.operated':
      case 'sandbox.reset':
        return;
      case 'score.adjusted':
        return this.adjust(event);
      case 'member.registered':
        return this.registerMember(event);
      case 'member.moved': {
        const member = this.state.members[event.data.memberId];
        if (member) member.units = [...event.data.units];
        return;
      }
      case 'member.transferred': {
        const member = this.state.members[event.data.memberId];
        if (member) member.transferredUntilMinute = event.data.untilMinute;
        return;
      }
      case 'inject.fired':
        this.override(event.data.injectId).firedAtMinute = event.data.atMinute;
        return;
      case 'inject.skipped':
        this.override(event.data.injectId).skipped = true;
        return;
      case 'inject.rescheduled':
        this.override(event.data.injectId).toMinute = event.data.toMinute;
        return;
      case 'board.frozen':
        if (!this.state.freeze)
          this.state.freeze = { seq: event.seq, atMinute: event.data.atMinute, by: event.data.by };
        return;
      case 'board.unfrozen':
        this.state.freeze = null;
        return;
      case 'announcement.posted':
        return this.announce(event);
      case 'market.requested':
        return this.requestMarketItem(event);
      case 'market.decided':
        return this.decideMarketRequest(event);
    }
  }

  // ----- members, timeline, board -----

  private registerMember(event: EventOf<'member.registered'> & StoredEvent): void {
    const { memberId, teamId, name, units } = event.data;
    if (this.state.members[memberId] || !this.team(teamId)) return;
    const order = Object.values(this.state.members).filter((m) => m.teamId === teamId).length + 1;
    this.state.members[memberId] = { memberId, teamId, name, units: [...units], order };
  }

  private override(injectId: string): NonNullable<GameState['injectOverrides'][string]> {
    return (this.state.injectOverrides[injectId] ??= {});
  }

  private announce(event: EventOf<'announcement.posted'> & StoredEvent): void {
    const { announcementId, text, by, atMinute } = event.data;
    this.state.announcements.push({ announcementId, text, by, atMinute, seq: event.seq });
    if (this.state.announcements.length > ANNOUNCEMENTS_KEEP) this.state.announcements.shift();
  }

  // ----- marketplace -----

  private requestMarketItem(event: EventOf<'market.requested'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    const { requestId, itemId, memberId, note, atMinute } = event.data;
    if (!team || team.market[requestId]) return;
    team.market[requestId] = { requestId, itemId, memberId, note, requestedMinute: atMinute, status: 'requested' };
  }

  private decideMarketRequest(event: EventOf<'market.decided'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    const request = team?.market[event.data.requestId];
    if (!team || !request || request.status !== 'requested') return;
    const { approved, by, atMinute, priceYen } = event.data;
    request.status = approved ? 'approved' : 'rejected';
    request.decidedBy = by;
    request.decidedMinute = atMinute;
    if (!approved) return;
    const item = this.scenario().marketplace.find((i) => i.id === request.itemId);
    request.activeFromMinute = atMinute + (item?.leadMinutes ?? 0);
    const name = item?.name ?? { ja: request.itemId, en: request.itemId };
    this.post(
      team,
      'cash',
      -priceYen,
      event,
      atMinute,
      cause('market', request.itemId, `購入 (稟議承認): ${name.ja}`, `purchase approved: ${name.en}`),
    );
  }

  // ----- teams -----

  private registerTeam(event: EventOf<'team.registered'> & StoredEvent): void {
    const scenario = this.scenario();
    const { teamId, name, number, alliance } = event.data;
    if (this.state.teams[teamId]) return;
    const team: TeamState = {
      teamId,
      name,
      number,
      alliance,
      cashYen: 0,
      revenueYen: 0,
      referenceYen: 0,
      stock: Object.fromEntries(scenario.products.map((p) => [p.id, p.initialStock])),
      pricesYen: Object.fromEntries(scenario.products.map((p) => [p.id, p.listPriceYen])),
      trustMicro: 0,
      downtimeMinutes: 0,
      ticks: 0,
      platformFaultTicks: 0,
      attacksFaced: 0,
      attacksBlocked: 0,
      loanYen: 0,
      ads: [],
      units: Object.fromEntries(UNIT_IDS.map((u) => [u, { earnedMilli: 0, offeredMilli: 0 }])) as TeamState['units'],
      inbox: {},
      harms: [],
      notices: [],
      lastProbe: null,
      outcomes: {},
      escAdjustYen: 0,
      unitAdjust: {},
      escYen: 0,
      escReachedAtMinute: 0,
      market: {},
    };
    this.state.teams[teamId] = team;
    this.state.teamOrder.push(teamId);
    const start = cause('start', undefined, 'ゲーム開始', 'game start');
    this.post(team, 'cash', scenario.economy.startingCashYen, event, 0, start);
    this.post(team, 'trust', TRUST_SCALE, event, 0, start);
  }

  // ----- injects and responses -----

  private deliverInject(event: EventOf<'inject.delivered'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    const inject = this.inboxInject(event.data.injectId);
    if (!team || !inject || team.inbox[inject.id]) return;
    const at = event.data.atMinute;
    const item: InboxItem = {
      injectId: inject.id,
      kind: inject.kind,
      unit: inject.unit,
      deliveredMinute: at,
      unansweredCharged: false,
    };
    if (inject.response) {
      item.deadlineMinute = at + inject.response.deadlineMinutes;
      item.closesMinute = at + 2 * inject.response.deadlineMinutes;
      item.pointsMilli = Math.round(inject.response.points * POINTS_SCALE);
    }
    team.inbox[inject.id] = item;
    this.tick(at, team.teamId, 'inject', {
      ja: `${team.name} に「${inject.subject.ja}」`,
      en: `${team.name} received "${inject.subject.en}"`,
    });
  }

  private submitResponse(event: EventOf<'response.submitted'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    const item = team?.inbox[event.data.injectId];
    if (!team || !item || item.pointsMilli === undefined || item.grade) return;
    const previousCompensation = item.response?.compensationYen ?? 0;
    const compensationYen = event.data.compensationYen ?? 0;
    item.response = {
      text: event.data.text,
      atMinute: event.data.atMinute,
      compensationYen,
      memberId: event.data.memberId,
    };
    if (compensationYen !== previousCompensation) {
      this.post(
        team,
        'cash',
        previousCompensation - compensationYen,
        event,
        event.data.atMinute,
        cause('compensation', item.injectId, `補償 (${item.injectId})`, `compensation (${item.injectId})`),
      );
    }
    // Already offered (window closed) but not graded: the latest response counts, with its own time.
    if (item.counted) this.countResponse(team, item, event, event.data.atMinute);
  }

  private gradeResponse(event: EventOf<'response.graded'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    const item = team?.inbox[event.data.injectId];
    if (!team || !item || item.pointsMilli === undefined) return;
    item.grade = {
      value: event.data.grade,
      by: event.data.by,
      comment: event.data.comment,
      atMinute: event.data.atMinute,
      items: event.data.items,
    };
    this.countResponse(team, item, event, event.data.atMinute);
  }

  /** Offers the item's points (once) and credits what the response earned, or corrects it. */
  private countResponse(team: TeamState, item: InboxItem, event: StoredEvent, atMinute: number): void {
    const inject = this.inboxInject(item.injectId);
    if (!inject?.response || item.pointsMilli === undefined || item.deadlineMinute === undefined) return;
    const grade = item.grade?.value ?? (item.response ? autoGrade(inject.response.rubric, item.response.text) : 0);
    const onTime = item.response
      ? timeliness(item.deliveredMinute, inject.response.deadlineMinutes, item.response.atMinute)
      : 0;
    const earnedMilli = Math.round(item.pointsMilli * onTime * grade);
    const ref = item.injectId;
    if (!item.counted) {
      this.post(
        team,
        'offered',
        item.pointsMilli,
        event,
        atMinute,
        cause('response', ref, `${ref} の配点`, `${ref} points offered`),
        item.unit,
      );
      item.counted = { earnedMilli: 0, provisional: !item.grade };
    }
    const delta = earnedMilli - item.counted.earnedMilli;
    item.counted = { earnedMilli, provisional: !item.grade };
    if (delta !== 0 || !item.grade) {
      const how = item.grade
        ? `graded ${item.grade.value.toFixed(2)}`
        : `auto-graded ${grade.toFixed(2)} (provisional)`;
      const howJa = item.grade ? `採点 ${item.grade.value.toFixed(2)}` : `自動採点 ${grade.toFixed(2)}（暫定）`;
      this.post(
        team,
        'earned',
        delta,
        event,
        atMinute,
        cause(
          'response',
          ref,
          `${ref}: ${howJa}, 適時性 ${onTime.toFixed(2)}`,
          `${ref}: ${how}, timeliness ${onTime.toFixed(2)}`,
        ),
        item.unit,
      );
    }
  }

  // ----- attacks -----

  private finishAttack(event: EventOf<'attack.finished'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const scenario = this.scenario();
    const { attackId, outcome, atMinute } = event.data;
    const attack = scenario.attacks.find((a) => a.id === attackId);
    const name = attack?.name ?? { ja: attackId, en: attackId };
    if (outcome === 'error') {
      this.tick(atMinute, team.teamId, 'attack-error', {
        ja: `${team.name} への攻撃 ${name.ja} はプラットフォーム側の問題で中断（採点対象外）`,
        en: `Attack ${name.en} on ${team.name} hit a platform fault (not scored)`,
      });
      return;
    }
    const ref = `${event.data.injectId}`;
    this.post(team, 'attacksFaced', 1, event, atMinute, cause('attack', ref, `攻撃 ${name.ja}`, `attack ${name.en}`));
    if (outcome === 'blocked') {
      this.post(
        team,
        'attacksBlocked',
        1,
        event,
        atMinute,
        cause('attack', ref, `攻撃 ${name.ja} を防御`, `attack ${name.en} blocked`),
      );
      this.tick(atMinute, team.teamId, 'attack-blocked', {
        ja: `${team.name} が攻撃「${name.ja}」を防いだ`,
        en: `${team.name} blocked "${name.en}"`,
      });
      return;
    }
    this.tick(atMinute, team.teamId, 'attack-succeeded', {
      ja: `${team.name} が攻撃「${name.ja}」を受けた`,
      en: `${team.name} was hit by "${name.en}"`,
    });
    for (const effect of event.data.effects) {
      if (effect.kind === 'leak') {
        this.harm(
          team,
          -scenario.trust.leak * TRUST_SCALE,
          event,
          atMinute,
          cause(
            'leak',
            ref,
            `攻撃 ${name.ja} による顧客情報漏えい (${formatGameTime(atMinute)})`,
            `customer data leaked by attack ${name.en} at ${formatGameTime(atMinute)}`,
          ),
        );
        this.tick(atMinute, team.teamId, 'leak', {
          ja: `${team.name} で顧客情報が漏えい`,
          en: `Customer data leaked at ${team.name}`,
        });
      }
    }
  }

  // ----- crawler facts and ticks -----

  private observeCrawl(event: EventOf<'crawl.observed'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const scenario = this.scenario();
    const { tick, probe, orders, outcomes } = event.data;
    const ref = `tick ${tick}`;
    if (event.data.platformFault) {
      team.platformFaultTicks++;
      return;
    }
    team.ticks++;
    for (const [outcome, count] of Object.entries(outcomes)) {
      team.outcomes[outcome as keyof typeof outcomes] =
        (team.outcomes[outcome as keyof typeof outcomes] ?? 0) + (count ?? 0);
    }
    this.post(
      team,
      'reference',
      event.data.referenceYen,
      event,
      tick,
      cause('crowd', ref, `来店 ${event.data.potential} 人`, `${event.data.potential} potential customers`),
    );
    let salesYen = 0;
    for (const order of orders) {
      salesYen += order.chargedYen * order.quantity;
      team.stock[order.productId] = Math.max(0, (team.stock[order.productId] ?? 0) - order.quantity);
    }
    if (orders.length > 0) {
      const ordersCause = cause(
        'orders',
        ref,
        `${orders.length} 件の注文 (tick ${tick})`,
        `${orders.length} orders, tick ${tick}`,
      );
      this.post(team, 'revenue', salesYen, event, tick, ordersCause);
      this.post(team, 'cash', salesYen, event, tick, ordersCause);
    }
    const tampered = outcomes.tampered ?? 0;
    if (tampered > 0) {
      this.harm(
        team,
        -scenario.trust.tamperedOrder * TRUST_SCALE * tampered,
        event,
        tick,
        cause('tampered', ref, `改ざん価格での注文 ${tampered} 件`, `${tampered} orders charged at a tampered price`),
      );
    }
    const wasProbe = team.lastProbe;
    team.lastProbe = probe;
    if (probe === 'ok') {
      this.trust(
        team,
        scenario.trust.healthyTick * TRUST_SCALE,
        event,
        tick,
        cause('healthy', ref, '正常稼働', 'healthy tick'),
      );
    } else {
      this.post(team, 'downtime', 1, event, tick, cause(probe, ref, `停止 (${probe})`, `downtime (${probe})`));
      const harm = probe === 'defaced' ? scenario.trust.defacedTick : scenario.trust.downTick;
      this.harm(
        team,
        -harm * TRUST_SCALE,
        event,
        tick,
        cause(
          probe,
          ref,
          probe === 'defaced' ? '改ざんされたページ' : 'サイト停止',
          probe === 'defaced' ? 'defaced tick' : 'downtime tick',
        ),
      );
    }
    if (wasProbe !== probe && (wasProbe !== null || probe !== 'ok')) {
      this.tick(tick, team.teamId, `shop-${probe}`, shopStatusText(team.name, probe));
    }
  }

  private closeTick(event: EventOf<'tick.closed'> & StoredEvent): void {
    const scenario = this.scenario();
    const n = event.data.tick;
    if (n <= this.state.tick) return; // a tick closes once; a stray repeat must not charge interest twice
    this.state.tick = n;
    for (const teamId of this.state.teamOrder) {
      const team = this.state.teams[teamId];
      for (const item of Object.values(team.inbox)) {
        if (item.deadlineMinute === undefined || item.closesMinute === undefined) continue;
        if (
          (item.kind === 'inquiry' || item.kind === 'complaint') &&
          !item.unansweredCharged &&
          n > item.deadlineMinute
        ) {
          item.unansweredCharged = true;
          if (!item.response || item.response.atMinute > item.deadlineMinute) {
            this.harm(
              team,
              -scenario.trust.unanswered * TRUST_SCALE,
              event,
              n,
              cause(
                'unanswered',
                item.injectId,
                `${item.injectId} に期限内の回答なし`,
                `${item.injectId} unanswered at its deadline`,
              ),
            );
          }
        }
        if (!item.counted && n >= item.closesMinute) this.countResponse(team, item, event, n);
      }
      if (n % 60 === 0 && team.loanYen > 0) {
        const interest = Math.round(team.loanYen * scenario.economy.loanInterestPerHour);
        if (interest > 0) {
          this.post(
            team,
            'cash',
            -interest,
            event,
            n,
            cause('interest', `hour ${n / 60}`, `借入利息 (${n / 60} 時間目)`, `loan interest, hour ${n / 60}`),
          );
        }
      }
      const windowStart = n - scenario.trust.noticeWindowMinutes;
      team.harms = team.harms.filter((h) => !h.givenBack && h.atMinute >= windowStart);
      team.ads = team.ads.filter((ad) => ad.untilMinute > n);
      this.updateEsc(team, n);
    }
  }

  // ----- money -----

  private orderStock(event: EventOf<'stock.ordered'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const { productId, quantity, unitCostYen, atMinute } = event.data;
    const product = productById(this.scenario(), productId);
    team.stock[productId] = (team.stock[productId] ?? 0) + quantity;
    const name = product?.name ?? { ja: productId, en: productId };
    this.post(
      team,
      'cash',
      -quantity * unitCostYen,
      event,
      atMinute,
      cause('stock', productId, `仕入れ ${name.ja} × ${quantity}`, `stock order ${quantity} × ${name.en}`),
    );
  }

  private buyAd(event: EventOf<'ad.bought'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const { costYen, boost, durationMinutes, atMinute } = event.data;
    team.ads.push({ fromMinute: atMinute, untilMinute: atMinute + durationMinutes, boost });
    this.post(
      team,
      'cash',
      -costYen,
      event,
      atMinute,
      cause('ad', undefined, `広告 (${durationMinutes} 分)`, `advertising (${durationMinutes} min)`),
    );
  }

  private loan(event: (EventOf<'loan.taken'> | EventOf<'loan.repaid'>) & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const taken = event.type === 'loan.taken';
    const amount = taken ? event.data.amountYen : Math.min(event.data.amountYen, team.loanYen);
    team.loanYen += taken ? amount : -amount;
    this.post(
      team,
      'cash',
      taken ? amount : -amount,
      event,
      event.data.atMinute,
      taken ? cause('loan', undefined, '借入', 'loan taken') : cause('loan', undefined, '返済', 'loan repaid'),
    );
  }

  private adjust(event: EventOf<'score.adjusted'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const { target, amount, reason, by, atMinute } = event.data;
    const text = cause('adjustment', by, `調整: ${reason}`, `adjustment: ${reason}`);
    if (target === 'esc') {
      team.escAdjustYen += amount;
      this.post(team, 'adjustment', amount, event, atMinute, text);
    } else {
      team.unitAdjust[target] = (team.unitAdjust[target] ?? 0) + amount;
      this.post(team, 'adjustment', amount, event, atMinute, text, target);
    }
    this.updateEsc(team, atMinute);
  }

  // ----- trust -----

  private publishNotice(event: EventOf<'notice.published'> & StoredEvent): void {
    const team = this.team(event.data.teamId);
    if (!team) return;
    const scenario = this.scenario();
    const at = event.data.atMinute;
    team.notices.push({ atMinute: at, text: event.data.text });
    let giveBack = 0;
    for (const harm of team.harms) {
      if (harm.givenBack || at - harm.atMinute > scenario.trust.noticeWindowMinutes || harm.atMinute > at) continue;
      harm.givenBack = true;
      giveBack += Math.round(harm.micro * scenario.trust.noticeGivesBack);
    }
    if (giveBack > 0) {
      this.trust(
        team,
        giveBack,
        event,
        at,
        cause(
          'notice',
          undefined,
          `${formatGameTime(at)} の公開告知で信頼を一部回復`,
          `public notice at ${formatGameTime(at)} gave back half of recent harm`,
        ),
      );
    }
    this.tick(at, team.teamId, 'notice', {
      ja: `${team.name} がお知らせを公開`,
      en: `${team.name} published a notice`,
    });
  }

  /** A harm lowers trust and is remembered so that a timely notice can soften it. */
  private harm(team: TeamState, deltaMicro: number, event: StoredEvent, atMinute: number, why: LedgerCause): void {
    const applied = this.trust(team, deltaMicro, event, atMinute, why);
    if (applied < 0) team.harms.push({ atMinute, micro: -applied, givenBack: false });
  }

  /** Applies a trust change clamped to [0, 1]; returns the change actually made. */
  private trust(team: TeamState, deltaMicro: number, event: StoredEvent, atMinute: number, why: LedgerCause): number {
    const target = Math.min(TRUST_SCALE, Math.max(0, team.trustMicro + Math.round(deltaMicro)));
    const applied = target - team.trustMicro;
    if (applied !== 0) this.post(team, 'trust', applied, event, atMinute, why);
    return applied;
  }

  // ----- ledger -----

  private post(
    team: TeamState,
    component: LedgerComponent,
    amount: number,
    event: StoredEvent,
    atMinute: number,
    why: LedgerCause,
    unit?: UnitId,
  ): void {
    if (amount === 0 && component !== 'earned') return;
    const value = applyComponent(team, component, amount, unit);
    this.sink.ledger?.({ teamId: team.teamId, component, unit, amount, value, atMinute, seq: event.seq, cause: why });
    if (component !== 'reference') this.escTouched.set(team, atMinute);
  }

  private updateEsc(team: TeamState, atMinute: number): void {
    const esc = expectedSalesCapability(this.scenario(), team);
    if (esc !== team.escYen) {
      team.escYen = esc;
      team.escReachedAtMinute = atMinute;
    }
  }

  // ----- helpers -----

  private tick(atMinute: number, teamId: string | undefined, kind: string, text: Bilingual, hasFigures = false): void {
    this.state.ticker.push({ atMinute, teamId, kind, text, hasFigures });
    this.state.tickerCount++;
    if (this.state.ticker.length > TICKER_KEEP) this.state.ticker.splice(0, this.state.ticker.length - TICKER_KEEP);
  }

  private team(teamId: string): TeamState | undefined {
    return this.state.teams[teamId];
  }

  private scenario(): Scenario {
    if (!this.state.scenario) throw new FoldError('the log does not start with game.created');
    return this.state.scenario;
  }

  private inboxInject(injectId: string): InboxInject | undefined {
    const inject = this.scenario().timeline.find((i) => i.id === injectId);
    return inject && inject.kind !== 'attack' ? inject : undefined;
  }
}

function applyComponent(team: TeamState, component: LedgerComponent, amount: number, unit?: UnitId): number {
  switch (component) {
    case 'cash':
      return (team.cashYen += amount);
    case 'revenue':
      return (team.revenueYen += amount);
    case 'reference':
      return (team.referenceYen += amount);
    case 'trust':
      return (team.trustMicro += amount);
    case 'downtime':
      return (team.downtimeMinutes += amount);
    case 'attacksFaced':
      return (team.attacksFaced += amount);
    case 'attacksBlocked':
      return (team.attacksBlocked += amount);
    case 'earned':
      return (team.units[unit ?? 'management'].earnedMilli += amount);
    case 'offered':
      return (team.units[unit ?? 'management'].offeredMilli += amount);
    case 'adjustment':
      return unit ? (team.unitAdjust[unit] ?? 0) : team.escAdjustYen;
  }
}

function cause(kind: string, ref: string | undefined, ja: string, en: string): LedgerCause {
  return { kind, ref, text: { ja, en } };
}

function shopStatusText(name: string, probe: string): Bilingual {
  switch (probe) {
    case 'ok':
      return { ja: `${name} のショップが復旧`, en: `${name}'s shop is back` };
    case 'defaced':
      return { ja: `${name} のショップが改ざんされた`, en: `${name}'s shop defaced` };
    case 'down':
      return { ja: `${name} のショップが停止`, en: `${name}'s shop is down` };
    default:
      return { ja: `${name} のショップでエラー`, en: `${name}'s shop is failing` };
  }
}

/** The log is the truth: a clock event that does not fit the clock's state is kept but ignored. */
function safeClock(state: GameState, event: StoredEvent): GameState['clock'] {
  try {
    return applyClockEvent(state.clock, event);
  } catch {
    return state.clock;
  }
}

export class FoldError extends Error {
  readonly code = 'FOLD';
}
