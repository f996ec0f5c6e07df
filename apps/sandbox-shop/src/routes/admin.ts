import { z } from 'zod';
import { ADMIN_SESSION_COOKIE, adminSessionCookie, adminSessionUser, hasOpsToken } from '../auth';
import { readForm, readJson } from '../request';
import { HttpError, redirect, sendHtml, sendJson } from '../response';
import type { RequestContext, Route } from '../server';
import { openHoles } from '../vulnerabilities';
import { renderAdminPage, renderLoginPage, renderMessagePage, type PageFrame } from '../views';

/**
 * The shop's admin: login, the admin page, replacing the home page (a defacement, when an attacker
 * got in with the default password) and the price API (unauthenticated under `price-api-unauth`).
 */

function frameOf({ shop }: RequestContext): PageFrame {
  return { teamName: shop.config.teamName, integrityToken: shop.config.integrityToken };
}

/** Forms may carry other fields (a submit button's name); only these are read. */
const LoginFormSchema = z.object({
  username: z.string().max(200),
  password: z.string().max(1000),
});

const HomePageFormSchema = z.object({ html: z.string() });

const PriceBodySchema = z.strictObject({ priceYen: z.number().int().min(0).max(1_000_000_000) });

/** 401 with the login form, so a person who lands here can log in. */
function answerLoginRequired(context: RequestContext): void {
  sendHtml(context.res, 401, renderLoginPage(frameOf(context), 'ログインしてください Please log in.'));
}

export const adminRoutes: Route[] = [
  {
    method: 'POST',
    path: '/admin/login',
    answers: 'html',
    async handle(context) {
      const form = await readForm(context.req, LoginFormSchema);
      const token = await context.shop.accounts.login(form.username, form.password);
      if (!token) {
        return sendHtml(
          context.res,
          401,
          renderLoginPage(frameOf(context), 'ユーザー名かパスワードが違います Wrong username or password.'),
        );
      }
      redirect(context.res, 302, '/admin', { 'Set-Cookie': adminSessionCookie(token) });
    },
  },
  {
    method: 'GET',
    path: '/admin',
    answers: 'html',
    handle(context) {
      const { shop, req, res } = context;
      const username = adminSessionUser(req, shop.accounts);
      if (!username) return answerLoginRequired(context);
      sendHtml(
        res,
        200,
        renderAdminPage(frameOf(context), username, shop.catalog.list(), shop.pages.homeReplacement()),
      );
    },
  },
  {
    method: 'POST',
    path: '/admin/pages/home',
    answers: 'html',
    async handle(context) {
      const { shop, req, res } = context;
      if (!adminSessionUser(req, shop.accounts)) return answerLoginRequired(context);
      const form = await readForm(req, HomePageFormSchema);
      // An empty box goes back to the built-in page; anything else is served verbatim from now on.
      const replacement = form.html.trim() === '' ? null : form.html;
      shop.pages.replaceHome(replacement);
      sendHtml(
        res,
        200,
        renderMessagePage(
          frameOf(context),
          '保存しました Saved',
          replacement === null ? 'The built-in home page is served again.' : 'The home page was replaced.',
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/api/products/:id/price',
    answers: 'json',
    async handle({ req, res, shop, params }) {
      const holes = openHoles(shop.config.vulnerabilities, shop.settings.read());
      const allowed =
        holes.unauthenticatedPriceApi ||
        adminSessionUser(req, shop.accounts) !== null ||
        hasOpsToken(req, shop.config.opsToken);
      if (!allowed) {
        throw new HttpError(401, 'unauthorized', `log in as admin (${ADMIN_SESSION_COOKIE}) or use the ops token`);
      }
      const body = await readJson(req, PriceBodySchema);
      const productId = params.id ?? '';
      if (!shop.catalog.setPrice(productId, body.priceYen))
        throw new HttpError(404, 'unknown_product', 'no such product');
      sendJson(res, 200, { id: productId, priceYen: body.priceYen });
    },
  },
];
