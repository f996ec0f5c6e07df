import { z } from 'zod';
import { HttpError, sendHtml, sendJson, sendText } from '../response';
import { readJson } from '../request';
import { MAX_SEARCH_QUERY_CHARS } from '../search';
import type { RequestContext, Route } from '../server';
import { renderSqlDump } from '../sql-dump';
import { openHoles } from '../vulnerabilities';
import { renderHomePage, renderProductPage, renderSearchPage, type PageFrame } from '../views';

/**
 * What customers (the crawler) and anyone on the network reach: the storefront, the cart and
 * checkout, search, and the backup file a careless admin left behind. Public bodies ignore unknown
 * keys, like a forgiving storefront; the ops API is the strict one.
 */

function frameOf({ shop }: RequestContext): PageFrame {
  return { teamName: shop.config.teamName, integrityToken: shop.config.integrityToken };
}

const CartBodySchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: z.number().int().min(1).max(1000),
});

const CheckoutBodySchema = z.object({
  cartId: z.string().min(1).max(100),
  customer: z.object({
    name: z.string().min(1).max(200),
    email: z
      .string()
      .min(3)
      .max(320)
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'),
  }),
});

export const publicRoutes: Route[] = [
  {
    method: 'GET',
    path: '/',
    answers: 'html',
    handle(context) {
      const { shop, res } = context;
      // A replaced (defaced) home page is served exactly as stored: that is the point of the attack.
      const replacement = shop.pages.homeReplacement();
      if (replacement !== null) return sendHtml(res, 200, replacement);
      sendHtml(res, 200, renderHomePage(frameOf(context), shop.catalog.list(), shop.notices.list()));
    },
  },
  {
    method: 'GET',
    path: '/products/:id',
    answers: 'html',
    handle(context) {
      const product = context.shop.catalog.find(context.params.id ?? '');
      if (!product) throw new HttpError(404, 'unknown_product', 'no such product');
      sendHtml(context.res, 200, renderProductPage(frameOf(context), product));
    },
  },
  {
    method: 'POST',
    path: '/cart',
    answers: 'json',
    async handle({ req, res, shop }) {
      const body = await readJson(req, CartBodySchema);
      if (!shop.catalog.find(body.productId)) throw new HttpError(404, 'unknown_product', 'no such product');
      sendJson(res, 200, { cartId: shop.orders.openCart(body.productId, body.quantity) });
    },
  },
  {
    method: 'POST',
    path: '/checkout',
    answers: 'json',
    async handle({ req, res, shop }) {
      const idempotencyKey = req.headers['idempotency-key'];
      if (idempotencyKey !== undefined && (Array.isArray(idempotencyKey) || idempotencyKey.length > 200)) {
        throw new HttpError(400, 'invalid_idempotency_key', 'send one Idempotency-Key of at most 200 characters');
      }
      const body = await readJson(req, CheckoutBodySchema);
      const result = shop.orders.checkout(body.cartId, body.customer, shop.now(), idempotencyKey);
      switch (result.outcome) {
        case 'ordered':
          return sendJson(res, 200, result.order);
        case 'unknown_cart':
          throw new HttpError(404, 'unknown_cart', 'no such cart');
        case 'out_of_stock':
          throw new HttpError(409, 'out_of_stock', 'this product is out of stock');
      }
    },
  },
  {
    method: 'GET',
    path: '/search',
    answers: 'html',
    async handle(context) {
      const { shop, url, res } = context;
      const query = url.searchParams.get('q') ?? '';
      if (query.length > MAX_SEARCH_QUERY_CHARS) {
        throw new HttpError(400, 'query_too_long', `search text is limited to ${MAX_SEARCH_QUERY_CHARS} characters`);
      }
      const holes = openHoles(shop.config.vulnerabilities, shop.settings.read());
      let results;
      if (holes.injectableSearch) {
        try {
          results = await shop.search.injectable(query);
        } catch {
          // Generic on purpose: the SQL error text would make the injection too easy to aim.
          throw new HttpError(500, 'search_failed', 'the search failed');
        }
      } else {
        results = shop.search.safe(query);
      }
      sendHtml(res, 200, renderSearchPage(frameOf(context), query, results));
    },
  },
  {
    method: 'GET',
    path: '/backup/shop-backup.sql',
    answers: 'html',
    handle({ shop, res }) {
      const holes = openHoles(shop.config.vulnerabilities, shop.settings.read());
      if (!holes.exposedBackup) throw new HttpError(404, 'not_found', 'there is nothing here');
      sendText(res, 200, renderSqlDump(shop.db, shop.now()));
    },
  },
];
