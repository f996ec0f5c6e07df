import type { TeamView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAction } from '../ui/use-action';
import { teamAction } from './team-api';
import { minuteOf } from './team-logic';
import type { TeamScope } from './team-scope';
import { ActionRow, AmountField, TableHead } from './panel-bits';

/** Products with their list price, unit cost, stock and the team's price (everyone sees these). */
export function ProductsTable({ view, embedded = false }: { view: TeamView; embedded?: boolean }) {
  const { t, text, yen } = useI18n();
  const table = (
    <table className="data-table">
      <TableHead
        columns={[
          { label: t('team.sales.product') },
          { label: t('team.sales.listPrice'), num: true },
          { label: t('team.sales.unitCost'), num: true },
          { label: t('team.sales.stock'), num: true },
          { label: t('team.sales.price'), num: true },
        ]}
      />
      <tbody>
        {view.products.map((p) => {
          const stock = view.team.stock[p.id] ?? 0;
          const price = view.team.pricesYen[p.id] ?? p.listPriceYen;
          return (
            <tr key={p.id} data-testid="product-row" data-product-id={p.id} data-stock={stock} data-price={price}>
              <th scope="row">{text(p.name)}</th>
              <td className="num">{yen(p.listPriceYen)}</td>
              <td className="num">{yen(p.unitCostYen)}</td>
              <td className="num">
                {stock === 0 ? (
                  <span className="badge badge--bad">{t('team.sales.outOfStock')}</span>
                ) : (
                  stock.toLocaleString('en-US')
                )}
              </td>
              <td className="num">
                {yen(price)}
                {price !== p.listPriceYen && (
                  <span className="muted team-price-diff">
                    {' '}
                    ({price > p.listPriceYen ? '+' : '−'}
                    {Math.abs(Math.round(((price - p.listPriceYen) / p.listPriceYen) * 100))}%)
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  if (embedded) return table;
  return (
    <section className="panel" data-testid="products-panel" aria-labelledby="team-products-title">
      <h2 id="team-products-title">{t('team.sales.products')}</h2>
      {table}
    </section>
  );
}

/** Sales & purchasing: stock orders, prices and ads. */
export function SalesPanel({ view, scope, gameMs }: { view: TeamView; scope: TeamScope; gameMs: number }) {
  const { t, yen, time } = useI18n();
  const nowMinute = minuteOf(gameMs);
  const activeAds = view.team.ads.filter((ad) => ad.untilMinute > nowMinute);
  const ad = view.market.ad;
  const buyAd = useAction((key: string) => teamAction(scope.api, `${scope.base}/ads`, {}, key));
  return (
    <section className="panel team-sales" data-testid="sales-panel" aria-labelledby="team-sales-title">
      <h2 id="team-sales-title">{t('team.sales.title')}</h2>
      <ProductsTable view={view} embedded />
      <StockOrderForm view={view} scope={scope} />
      <PriceForm view={view} scope={scope} />
      <div className="team-subsection">
        <h3>{t('team.sales.ads')}</h3>
        <p>
          {t('team.sales.adTerms', {
            cost: yen(ad.costYen),
            boost: ad.boost,
            minutes: ad.minutes,
          })}
        </p>
        {activeAds.length > 0 ? (
          <ul className="team-plain-list" data-testid="active-ads">
            {activeAds.map((a, i) => (
              <li key={i} className="num">
                {t('team.sales.adActive', {
                  from: time(a.fromMinute, scope.clockStartsAtMinutes),
                  until: time(a.untilMinute, scope.clockStartsAtMinutes),
                  boost: a.boost,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('team.sales.noAds')}</p>
        )}
        <ActionRow
          state={buyAd}
          scope={scope}
          testId="ad"
          done="team.done.ad"
          button={{
            label: t('team.sales.adBuy', { cost: yen(ad.costYen) }),
            testId: 'ad-buy',
            onClick: () => void buyAd.run(),
          }}
        />
      </div>
    </section>
  );
}

/** The product chosen in a form. */
function ProductField({
  products,
  value,
  onChange,
  testId,
}: {
  products: TeamView['products'];
  value: string;
  onChange: (productId: string) => void;
  testId: string;
}) {
  const { t, text } = useI18n();
  return (
    <label className="field">
      <span>{t('team.sales.product')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {text(p.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

function StockOrderForm({ view, scope }: { view: TeamView; scope: TeamScope }) {
  const { t, yen } = useI18n();
  const id = useId();
  const [productId, setProductId] = useState(view.products[0]?.id ?? '');
  const [quantity, setQuantity] = useState('10');
  const action = useAction((key: string, body: { productId: string; quantity: number }) =>
    teamAction(scope.api, `${scope.base}/stock-orders`, body, key),
  );
  const product = view.products.find((p) => p.id === productId);
  const qty = Number(quantity);
  const valid = product !== undefined && Number.isInteger(qty) && qty >= 1 && qty <= 100_000;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || scope.block) return;
    void action.run({ productId, quantity: qty });
  };
  return (
    <form className="team-subsection" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('team.sales.stockOrder')}</h3>
      <div className="team-form-row">
        <ProductField products={view.products} value={productId} onChange={setProductId} testId="stock-order-product" />
        <AmountField
          label={t('team.sales.quantity')}
          value={quantity}
          onChange={setQuantity}
          testId="stock-order-quantity"
          max={100_000}
        />
      </div>
      {valid && product && (
        <p className="muted num">{t('team.sales.orderCost', { cost: yen(product.unitCostYen * qty) })}</p>
      )}
      <ActionRow
        state={action}
        scope={scope}
        testId="stock-order"
        done="team.done.stockOrder"
        button={{ label: t('team.sales.order'), testId: 'stock-order-submit', disabled: !valid }}
      />
    </form>
  );
}

function PriceForm({ view, scope }: { view: TeamView; scope: TeamScope }) {
  const { t } = useI18n();
  const id = useId();
  const first = view.products[0];
  const [productId, setProductId] = useState(first?.id ?? '');
  const current = (pid: string) =>
    view.team.pricesYen[pid] ?? view.products.find((p) => p.id === pid)?.listPriceYen ?? 0;
  const [price, setPrice] = useState(first ? String(current(first.id)) : '');
  const action = useAction((key: string, body: { productId: string; priceYen: number }) =>
    teamAction(scope.api, `${scope.base}/prices`, body, key),
  );
  const priceYen = Number(price);
  const valid = productId !== '' && Number.isInteger(priceYen) && priceYen >= 1 && priceYen <= 100_000_000;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || scope.block) return;
    void action.run({ productId, priceYen });
  };
  return (
    <form className="team-subsection" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('team.sales.priceChange')}</h3>
      <div className="team-form-row">
        <ProductField
          products={view.products}
          value={productId}
          onChange={(next) => {
            setProductId(next);
            setPrice(String(current(next)));
          }}
          testId="price-product"
        />
        <AmountField label={t('team.sales.newPrice')} value={price} onChange={setPrice} testId="price-input" />
      </div>
      <ActionRow
        state={action}
        scope={scope}
        testId="price"
        done="team.done.price"
        button={{ label: t('team.sales.setPrice'), testId: 'price-submit', disabled: !valid }}
      />
    </form>
  );
}
