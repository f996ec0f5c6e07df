import { z } from 'zod';
import { ADMIN_USERNAME } from '../admin-accounts';
import { NoBackupError } from '../backups';
import { UnknownProductsError } from '../catalog';
import { NoticeSchema } from '../notices';
import { readJson } from '../request';
import { HttpError, sendJson } from '../response';
import type { Route } from '../server';
import { ShopSettingsPatchSchema } from '../settings';

/**
 * The ops API: the platform and the team's ops console. The server refuses every `/_ops` request
 * without the bearer token before it gets here. Bodies are strict: an unknown key is a 400.
 */

const AdminPasswordBodySchema = z.strictObject({ password: z.string().min(8).max(200) });

const CatalogBodySchema = z.strictObject({
  products: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(100),
        priceYen: z.number().int().min(0).max(1_000_000_000),
        stock: z.number().int().min(0).max(1_000_000_000),
      }),
    )
    .max(1000),
});

const NoticesBodySchema = z.strictObject({ notices: z.array(NoticeSchema).max(500) });

const DEFAULT_LOG_LINES = 100;
const MAX_LOG_LINES = 1000;

export const opsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/_ops/health',
    answers: 'json',
    handle({ res, shop }) {
      sendJson(res, 200, { ok: true, teamId: shop.config.teamId, uptimeMs: Date.now() - shop.startedAtMs });
    },
  },
  {
    method: 'GET',
    path: '/_ops/settings',
    answers: 'json',
    handle({ res, shop }) {
      sendJson(res, 200, shop.settings.read());
    },
  },
  {
    method: 'PUT',
    path: '/_ops/settings',
    answers: 'json',
    async handle({ req, res, shop }) {
      const patch = await readJson(req, ShopSettingsPatchSchema);
      sendJson(res, 200, shop.settings.update(patch));
    },
  },
  {
    method: 'POST',
    path: '/_ops/admin-password',
    answers: 'json',
    async handle({ req, res, shop }) {
      const body = await readJson(req, AdminPasswordBodySchema);
      await shop.accounts.setPassword(ADMIN_USERNAME, body.password);
      sendJson(res, 200, { ok: true });
    },
  },
  {
    method: 'GET',
    path: '/_ops/logs',
    answers: 'json',
    handle({ res, shop, url }) {
      const requested = url.searchParams.get('limit');
      const limit = requested === null ? DEFAULT_LOG_LINES : Number(requested);
      if (!Number.isInteger(limit) || limit < 0) {
        throw new HttpError(400, 'invalid_limit', 'limit must be a non-negative integer');
      }
      sendJson(res, 200, { lines: shop.accessLog.recent(Math.min(limit, MAX_LOG_LINES)) });
    },
  },
  {
    method: 'POST',
    path: '/_ops/backup',
    answers: 'json',
    handle({ res, shop }) {
      sendJson(res, 201, shop.backups.takeSnapshot(shop.now()));
    },
  },
  {
    method: 'POST',
    path: '/_ops/restore',
    answers: 'json',
    handle({ res, shop }) {
      try {
        sendJson(res, 200, { restored: shop.backups.restoreLatest() });
      } catch (error) {
        if (error instanceof NoBackupError) throw new HttpError(409, 'no_backup', error.message);
        throw error;
      }
    },
  },
  {
    method: 'PUT',
    path: '/_ops/catalog',
    answers: 'json',
    async handle({ req, res, shop }) {
      const body = await readJson(req, CatalogBodySchema);
      try {
        sendJson(res, 200, { products: shop.catalog.applyCatalog(body.products) });
      } catch (error) {
        if (error instanceof UnknownProductsError) {
          throw new HttpError(
            400,
            'unknown_product',
            error.message,
            error.productIds.map((id) => ({ path: 'products', message: `unknown product ${id}` })),
          );
        }
        throw error;
      }
    },
  },
  {
    method: 'PUT',
    path: '/_ops/notices',
    answers: 'json',
    async handle({ req, res, shop }) {
      const body = await readJson(req, NoticesBodySchema);
      sendJson(res, 200, { notices: shop.notices.replaceAll(body.notices) });
    },
  },
  {
    method: 'POST',
    path: '/_ops/restart',
    answers: 'json',
    handle({ res, shop }) {
      // Exit only once the 202 is on the wire, so the caller learns the restart was accepted.
      res.on('finish', () => shop.requestRestart());
      sendJson(res, 202, { restarting: true });
    },
  },
];
