// The web shop in a real browser against the whole stack (services and gateway as processes):
// run by e2e's WebShopBrowserTest, or by hand: STOREFRONT_GATEWAY_URL=http://localhost:4000 npm run test:browser
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, CARDS, RUN, SHOP, createProduct, graphql, launchBrowser, login, newShopper, registerShopper, screenshot,
  signInThroughForm, stockOf,
} from './harness.mjs';

let browser;
let adminToken;
let product;
let shopper;
let shopperTab;
let orderId;
const openTabs = [];

async function tab(viewport) {
  const opened = await newShopper(browser, viewport);
  openTabs.push(opened);
  return opened;
}

/** Polls the gateway until `check` holds (compensation and reads settle within moments). */
async function eventually(read, check, what) {
  let value;
  for (let i = 0; i < 25; i++) {
    value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what}: last seen ${JSON.stringify(value)}`);
}

before(async () => {
  browser = await launchBrowser();
  adminToken = await login(ADMIN.email, ADMIN.password);
  product = await createProduct(adminToken, { sku: `BT-${RUN}-LAMP`, name: `Lantern ${RUN}`, amountMinor: 2599, stock: 5 });
  shopper = await registerShopper('Browser Shopper');
});

after(async () => {
  for (const { context } of openTabs) await context.close().catch(() => {});
  await browser?.close();
});

/** A scenario; when it fails, every open tab is photographed (failed-N-…png) for the report. */
function scenario(name, body) {
  it(name, async () => {
    try {
      await body();
    } catch (error) {
      let n = 0;
      for (const { page } of openTabs) {
        await screenshot(page, `failed-${name.slice(0, 40).replace(/\W+/g, '-')}-${++n}`).catch(() => {});
      }
      throw error;
    }
  });
}

describe('web shop', { concurrency: 1 }, () => {
  scenario('browse, search, cart anonymously, sign in (the cart merges), check out: the order is PAID', async () => {
    shopperTab = await tab();
    const { page, problems } = shopperTab;
    await page.goto(SHOP);
    await page.getByTestId('product-card').first().waitFor();
    assert.ok(await page.getByTestId('product-card').count() >= 2, 'the catalogue lists products');
    await screenshot(page, 'catalogue');

    await page.getByLabel('Search products').fill(`Lantern ${RUN}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction((sku) => {
      const cards = document.querySelectorAll('[data-testid="product-card"]');
      return cards.length === 1 && cards[0].getAttribute('data-sku') === sku;
    }, product.sku);
    await screenshot(page, 'search');

    await page.getByRole('link', { name: `Lantern ${RUN}` }).click();
    await page.getByTestId('product-name').filter({ hasText: `Lantern ${RUN}` }).waitFor();
    assert.equal(await page.getByTestId('product-stock').getAttribute('data-stock'), '5');
    await screenshot(page, 'product');

    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('cart-count').filter({ hasText: /^1$/ }).waitFor();
    assert.ok(await page.evaluate(() => localStorage.getItem('storefront.cartToken')), 'an anonymous cart token is kept');

    await signInThroughForm(page, shopper);
    await page.getByTestId('cart-count').filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('storefront.cartToken')), null,
      'the anonymous cart was merged into the account, its token dropped');
    await page.goto(`${SHOP}#/cart`);
    await page.locator(`[data-testid="cart-line"][data-sku="${product.sku}"]`).waitFor();
    await screenshot(page, 'cart');

    await page.getByTestId('go-checkout').click();
    const form = page.getByTestId('address-form');
    await form.waitFor();
    await form.getByLabel('Full name').fill('Browser Shopper');
    await form.getByLabel('Address', { exact: true }).fill('1 Test Street');
    await form.getByLabel('Postal code').fill('10115');
    await form.getByLabel('City').fill('Berlin');
    await form.getByLabel('Country code').fill('de');
    await page.getByTestId('save-address').click();
    await page.getByTestId('address-list').getByRole('radio', { checked: true }).waitFor();
    await page.getByLabel('Card number').fill(CARDS.ok);
    await screenshot(page, 'checkout');
    await page.getByTestId('place-order').click();

    await page.waitForURL(/#\/orders\?placed=/);
    orderId = new URL(page.url().replace('#/', '')).searchParams.get('placed');
    const order = page.locator(`[data-testid="order"][data-order-id="${orderId}"]`);
    await order.waitFor();
    assert.equal(await order.getAttribute('data-status'), 'PAID');
    assert.match(await order.getByTestId('status-history').innerText(), /Paid/);
    assert.match(await order.innerText(), /1 Test Street/);
    await page.getByTestId('cart-count').filter({ hasText: /^0$/ }).waitFor();
    await screenshot(page, 'orders');
    assert.equal(await stockOf(product.id), 4, 'one lantern sold');

    // a reload keeps the shopper signed in: the stored refresh token buys a new access token
    await page.reload();
    await page.getByTestId('account-name').filter({ hasText: 'Browser Shopper' }).waitFor();
    assert.deepEqual(problems, []);
  });

  scenario('a declined card and a provider time-out show what happened, keep the cart and the stock', async () => {
    const { page, problems } = shopperTab;
    await page.goto(`${SHOP}#/product/${encodeURIComponent(product.id)}`);
    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('cart-count').filter({ hasText: /^1$/ }).waitFor();
    await page.goto(`${SHOP}#/checkout`);
    await page.getByTestId('address-list').getByRole('radio', { checked: true }).waitFor();

    for (const [card, code, words] of [[CARDS.declined, 'PAYMENT_DECLINED', /declined/i],
      [CARDS.timeout, 'PAYMENT_PROVIDER_TIMEOUT', /did not answer in time/i]]) {
      await page.getByLabel('Card number').fill(card);
      await page.getByTestId('place-order').click();
      const error = page.getByTestId('checkout-error');
      await error.and(page.locator(`[data-code="${code}"]`)).waitFor({ timeout: 30_000 });
      assert.match(await error.innerText(), words);
      assert.match(await error.innerText(), /cart is saved/);
      if (code === 'PAYMENT_DECLINED') await screenshot(page, 'checkout-declined');
      await eventually(() => stockOf(product.id), (stock) => stock === 4, `stock after ${code}`);
      assert.equal(await page.getByTestId('cart-count').innerText(), '1', `the cart is kept after ${code}`);
      assert.match(page.url(), /#\/checkout/);
    }
    await page.goto(`${SHOP}#/cart`);
    await page.locator(`[data-testid="cart-line"][data-sku="${product.sku}"]`).waitFor();
    assert.deepEqual(problems, []);
  });

  scenario('the admin adds a product, adjusts stock and ships the order; the shopper sees SHIPPED and the tracking number', async () => {
    const { page, problems } = await tab();
    await signInThroughForm(page, ADMIN);
    await page.goto(`${SHOP}#/admin`);

    const newProduct = page.getByTestId('new-product');
    const sku = `BT-${RUN}-NEW`.toUpperCase(); // products keeps SKUs upper-case
    await newProduct.getByLabel('SKU').fill(sku);
    await newProduct.getByLabel('Name').fill(`Admin Kettle ${RUN}`);
    await newProduct.getByLabel('Price (EUR)').fill('39.90');
    await newProduct.getByLabel('Stock').fill('2');
    await newProduct.getByRole('button', { name: 'Add product' }).click();
    await newProduct.getByRole('status').filter({ hasText: `Admin Kettle ${RUN}` }).waitFor();

    await page.getByLabel('Find a product').fill(`Admin Kettle ${RUN}`);
    await page.getByRole('button', { name: 'Find' }).click();
    const row = page.locator(`.stock-row[data-sku="${sku}"]`);
    await row.getByTestId('stock-count').filter({ hasText: /^2$/ }).waitFor();
    await row.getByLabel(`Change stock of Admin Kettle ${RUN}`).fill('3');
    await row.getByRole('button', { name: 'Apply' }).click();
    await row.getByTestId('stock-count').filter({ hasText: /^5$/ }).waitFor();
    const kettle = await createdStock(sku);
    assert.equal(kettle, 5, 'adjustStock reached products');

    const order = page.locator(`[data-testid="admin-order"][data-order-id="${orderId}"]`);
    await order.waitFor();
    assert.equal(await order.getAttribute('data-status'), 'PAID');
    await screenshot(page, 'admin');
    await order.getByLabel(`Tracking number for ${orderId}`).fill(`TRACK-${RUN}`);
    await order.getByTestId('ship-order').click();
    await order.waitFor({ state: 'detached' }); // no longer PAID: gone from the PAID filter
    await page.getByTestId('order-status-filter').selectOption('SHIPPED');
    await page.locator(`[data-testid="admin-order"][data-order-id="${orderId}"][data-status="SHIPPED"]`).waitFor();

    const shopperPage = shopperTab.page;
    await shopperPage.goto(`${SHOP}#/orders`);
    const mine = shopperPage.locator(`[data-testid="order"][data-order-id="${orderId}"]`);
    await mine.and(shopperPage.locator('[data-status="SHIPPED"]')).waitFor();
    assert.equal(await mine.getByTestId('tracking-number').innerText(), `TRACK-${RUN}`);
    assert.match(await mine.getByTestId('status-history').innerText(), /Paid[\s\S]*Shipped/);
    await screenshot(shopperPage, 'orders-shipped');
    assert.deepEqual(problems, []);
    assert.deepEqual(shopperTab.problems, []);
  });

  scenario('signing out ends the session at the users service, not only in the browser', async () => {
    const { page, problems } = shopperTab;
    const refreshToken = await page.evaluate(() => localStorage.getItem('storefront.refreshToken'));
    assert.ok(refreshToken, 'a signed-in shopper keeps a refresh token');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('storefront.refreshToken')), null);
    const { refreshSession } = await graphql(
      'mutation($t: String!) { refreshSession(refreshToken: $t) { token userErrors { code } } }', { t: refreshToken });
    assert.equal(refreshSession.token, null, 'the ended session cannot be refreshed');
    assert.ok(refreshSession.userErrors.length > 0);
    assert.deepEqual(problems, []);
  });

  scenario('the access token is refreshed silently a minute before it expires', async () => {
    const { context, page, problems } = await tab();
    await context.clock.install(); // the tab's own clock, moved on below
    const authorizations = [];
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().endsWith('/graphql') && authorization) authorizations.push(authorization);
    });
    await signInThroughForm(page, shopper);
    await page.goto(`${SHOP}#/orders`);
    await page.getByRole('heading', { name: 'My orders' }).waitFor();
    const first = authorizations.at(-1);
    assert.ok(first, 'signed-in requests carry the access token');

    const refreshed = page.waitForRequest((request) => (request.postData() ?? '').includes('RefreshSession'));
    await page.clock.fastForward('14:05'); // access tokens live 15 minutes
    await refreshed;
    await page.getByRole('link', { name: 'Shop' }).click();
    await page.getByTestId('product-card').first().waitFor();
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByTestId('order').first().waitFor();
    assert.notEqual(authorizations.at(-1), first, 'later requests carry the new access token');
    await page.getByTestId('account-name').filter({ hasText: 'Browser Shopper' }).waitFor();
    assert.deepEqual(problems, []);
  });

  scenario('the catalogue sorts, filters by price and stock, and pages', async () => {
    const { page, problems } = await tab();
    const soldOut = await createProduct(adminToken, { sku: `BT-${RUN}-GONE`, name: `Lantern ${RUN} sold out`, amountMinor: 4100, stock: 0 });
    const cards = () => page.getByTestId('product-card').evaluateAll((all) => all.map((card) => ({
      sku: card.getAttribute('data-sku'), price: Number(card.getAttribute('data-price')), stock: Number(card.getAttribute('data-stock')),
    })));
    /** The cards once they are what `check` wants (a page is replaced when its query answers). */
    const cardsWhen = (check, what) => eventually(cards, (list) => list.length > 0 && check(list), what);
    const ascending = (list) => list.every((card, i) => i === 0 || list[i - 1].price <= card.price);

    await page.goto(SHOP);
    await page.getByTestId('product-card').first().waitFor();
    await page.getByLabel('Sort').selectOption('PRICE_ASC');
    await page.waitForURL(/sort=PRICE_ASC/);
    const first = await cardsWhen(ascending, 'page 1 by price, low to high');
    assert.equal(await page.getByTestId('page-number').innerText(), 'Page 1');
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByTestId('page-number').filter({ hasText: 'Page 2' }).waitFor();
    await cardsWhen((list) => ascending(list) && list[0].sku !== first[0].sku && list[0].price >= first.at(-1).price,
      'page 2 goes on where page 1 ended');
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByTestId('page-number').filter({ hasText: 'Page 1' }).waitFor();
    await cardsWhen((list) => list[0].sku === first[0].sku, 'back on page 1');

    await page.getByLabel('Min €').fill('20');
    await page.getByLabel('Max €').fill('50');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/min=20&max=50/);
    await cardsWhen((list) => list.every((card) => card.price >= 2000 && card.price <= 5000), 'prices from 20 to 50');

    await page.goto(`${SHOP}#/?q=${encodeURIComponent(`Lantern ${RUN}`)}`);
    await page.locator(`[data-testid="product-card"][data-sku="${soldOut.sku}"]`).getByText('Out of stock').waitFor();
    // click, not check(): the box follows the URL, which changes on the next hashchange event, so
    // right after the click check() may still see it unticked and give up
    await page.getByLabel('In stock only').click();
    await page.waitForURL(/inStock=1/);
    await page.waitForFunction(() => document.querySelector('input[name="inStock"]').checked); // ticked once the URL says so
    await cardsWhen((list) => list.length === 1 && list[0].sku === product.sku, 'only the lantern in stock');
    assert.deepEqual(problems, []);
  });

  scenario('works at phone width (390 px): nothing wider than the screen, two products a row', async () => {
    const { page, problems } = await tab({ width: 390, height: 844 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.goto(SHOP);
    await page.getByTestId('product-card').first().waitFor();
    assert.ok(await fits(), 'catalogue fits 390 px');
    const columns = await page.getByTestId('product-grid')
      .evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 2);
    assert.ok(await page.getByTestId('cart-link').isVisible());
    await screenshot(page, 'phone-catalogue');

    await page.goto(`${SHOP}#/product/${encodeURIComponent(product.id)}`);
    await page.getByTestId('product-name').waitFor();
    assert.ok(await fits(), 'product page fits 390 px');
    await screenshot(page, 'phone-product');
    await page.getByTestId('add-to-cart').click();
    await page.getByTestId('cart-count').filter({ hasText: /^1$/ }).waitFor();
    await page.goto(`${SHOP}#/cart`);
    await page.getByTestId('cart-line').waitFor();
    assert.ok(await fits(), 'cart fits 390 px');
    await screenshot(page, 'phone-cart');
    await page.goto(`${SHOP}#/signin`);
    assert.ok(await fits(), 'sign-in fits 390 px');
    assert.deepEqual(problems, []);
  });
});

async function createdStock(sku) {
  return (await graphql('query($s: String!) { productBySku(sku: $s) { stock } }', { s: sku })).productBySku.stock;
}
