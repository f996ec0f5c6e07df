import type { Product } from './catalog';
import type { Notice } from './notices';
import type { SearchResult } from './search';

/**
 * The shop's HTML. Everything that comes from a user or the database goes through `escapeHtml`;
 * the one deliberate exception is the admin's replacement home page, which the home route serves
 * verbatim and which never passes through here.
 */

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `¥1,200`: the format the crawler and the attack matchers read. */
export function formatYen(amountYen: number): string {
  return `¥${Math.round(amountYen).toLocaleString('en-US')}`;
}

export interface PageFrame {
  teamName: string;
  integrityToken: string;
}

function page(frame: PageFrame, title: string, body: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="mamoru-integrity" content="${escapeHtml(frame.integrityToken)}">
<title>${escapeHtml(title)} | ${escapeHtml(frame.teamName)}</title>
</head>
<body>
<header>
<h1><a href="/">${escapeHtml(frame.teamName)}</a></h1>
<form action="/search" method="get"><input name="q" maxlength="500"> <button type="submit">検索 Search</button></form>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function productName(product: Product): string {
  return `${escapeHtml(product.name.ja)} / ${escapeHtml(product.name.en)}`;
}

export function renderHomePage(frame: PageFrame, products: readonly Product[], notices: readonly Notice[]): string {
  const noticeItems = notices
    .map((notice) => `<li class="notice" data-at-minute="${notice.atMinute}">${escapeHtml(notice.text)}</li>`)
    .join('\n');
  const productItems = products
    .map(
      (product) =>
        `<li class="product" data-product-id="${escapeHtml(product.id)}">` +
        `<a href="/products/${encodeURIComponent(product.id)}">${productName(product)}</a> ` +
        `<span class="price">${formatYen(product.priceYen)}</span> ` +
        `<span class="stock">在庫 Stock: ${product.stock}</span></li>`,
    )
    .join('\n');
  return page(
    frame,
    'ホーム Home',
    `<section class="notices">
<h2>お知らせ Notices</h2>
<ul>
${noticeItems}
</ul>
</section>
<section class="products">
<h2>商品 Products</h2>
<ul>
${productItems}
</ul>
</section>`,
  );
}

export function renderProductPage(frame: PageFrame, product: Product): string {
  return page(
    frame,
    product.name.en,
    `<article class="product" data-product-id="${escapeHtml(product.id)}">
<h2>${productName(product)}</h2>
<p class="price">${formatYen(product.priceYen)}</p>
<p class="stock">在庫 Stock: ${product.stock}</p>
</article>`,
  );
}

function searchCell(value: SearchResult['price'], asPrice: boolean): string {
  if (asPrice && typeof value === 'number') return formatYen(value);
  return escapeHtml(value ?? '');
}

export function renderSearchPage(frame: PageFrame, query: string, results: readonly SearchResult[]): string {
  const items = results
    .map((result) => `<li class="result">${searchCell(result.name, false)} — ${searchCell(result.price, true)}</li>`)
    .join('\n');
  return page(
    frame,
    '検索 Search',
    `<h2>検索結果 Results for "${escapeHtml(query)}"</h2>
<ul class="results">
${items}
</ul>`,
  );
}

export function renderLoginPage(frame: PageFrame, message: string): string {
  return page(
    frame,
    '管理 Admin',
    `<h2>管理者ログイン Admin login</h2>
<p class="message">${escapeHtml(message)}</p>
<form action="/admin/login" method="post">
<label>ユーザー名 Username <input name="username"></label>
<label>パスワード Password <input name="password" type="password"></label>
<button type="submit">ログイン Log in</button>
</form>`,
  );
}

export function renderAdminPage(
  frame: PageFrame,
  username: string,
  products: readonly Product[],
  homeReplacement: string | null,
): string {
  const productRows = products
    .map(
      (product) =>
        `<tr><td>${escapeHtml(product.id)}</td><td>${productName(product)}</td>` +
        `<td>${formatYen(product.priceYen)}</td><td>${product.stock}</td></tr>`,
    )
    .join('\n');
  return page(
    frame,
    '管理 Admin',
    `<h2>管理画面 Admin (${escapeHtml(username)})</h2>
<h3>商品 Products</h3>
<table class="products"><tr><th>ID</th><th>Name</th><th>Price</th><th>Stock</th></tr>
${productRows}
</table>
<h3>ホームページ Home page</h3>
<p>${homeReplacement === null ? 'The built-in home page is served.' : 'A custom home page is served.'}
Leave the box empty to go back to the built-in page.</p>
<form action="/admin/pages/home" method="post">
<textarea name="html" rows="20" cols="100">${escapeHtml(homeReplacement ?? '')}</textarea>
<button type="submit">保存 Save</button>
</form>`,
  );
}

export function renderMessagePage(frame: PageFrame, title: string, message: string): string {
  return page(frame, title, `<h2>${escapeHtml(title)}</h2>\n<p class="message">${escapeHtml(message)}</p>`);
}
