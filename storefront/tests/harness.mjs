// What the browser scenarios share: the gateway they run against, a headless Debian chromium
// driven by playwright-core, GraphQL calls for set-up and for checking what the shop did (stock,
// orders) behind its back, and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const GATEWAY = (process.env.STOREFRONT_GATEWAY_URL ?? 'http://localhost:4000').replace(/\/$/, '');
export const SHOP = `${GATEWAY}/shop/`;
export const SCREENSHOTS = process.env.STOREFRONT_SCREENSHOTS ?? join(process.cwd(), 'target', 'screenshots');
export const ADMIN = {
  email: process.env.STOREFRONT_ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.STOREFRONT_ADMIN_PASSWORD ?? 'dev-only-passphrase-change-me',
};
export const CARDS = { ok: '4242424242424242', declined: '4000000000000002', timeout: '4000000000000119' };
/** One run's names: the shared stack keeps what other runs and tests made. */
export const RUN = Math.random().toString(36).slice(2, 8);

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // playwright gives every launch a new, empty user-data-dir
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    timeout: 30_000,
  });
}

/** A fresh browser profile (its own localStorage: its own cart token and refresh token). */
export async function newShopper(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // from the top: a full-page shot of a scrolled page draws the sticky header mid-page
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A GraphQL call to the gateway as a client would make it (CSRF prevention wants JSON). */
export async function graphql(query, variables = {}, token = null) {
  const response = await fetch(`${GATEWAY}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

export async function login(email, password) {
  const data = await graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token userErrors { code message } } }',
    { e: email, p: password });
  if (!data.login.token) throw new Error(`login of ${email}: ${JSON.stringify(data.login.userErrors)}`);
  return data.login.token;
}

export async function registerShopper(name) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${RUN}.${Date.now() % 100000}@example.com`;
  const password = 'browser-test-password';
  const data = await graphql('mutation($i: RegisterInput!) { register(input: $i) { token userErrors { code message } } }',
    { i: { name, email, password } });
  if (!data.register.token) throw new Error(`register: ${JSON.stringify(data.register.userErrors)}`);
  return { name, email, password };
}

export async function createProduct(adminToken, { sku, name, amountMinor, stock }) {
  const data = await graphql(`mutation($i: CreateProductInput!) { createProduct(input: $i) {
      product { id sku name stock } userErrors { code message } } }`,
  { i: { sku, name, description: `${name}, made for the browser tests.`, price: { amountMinor, currency: 'EUR' }, stock } },
  adminToken);
  if (!data.createProduct.product) throw new Error(`createProduct: ${JSON.stringify(data.createProduct.userErrors)}`);
  return data.createProduct.product;
}

export async function stockOf(productId) {
  return (await graphql('query($id: ID!) { product(id: $id) { stock } }', { id: productId })).product.stock;
}

/** Signs in through the shop's own form. */
export async function signInThroughForm(page, { email, password }) {
  await page.goto(`${SHOP}#/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('account-name').waitFor();
}
