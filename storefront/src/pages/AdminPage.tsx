import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrderStatus } from '../gql/graphql';
import { dateTime, money, STATUS_LABEL, toMinor } from '../lib/format';
import { href } from '../lib/router';
import { useSession } from '../lib/session';

const AdminProductsQuery = graphql(`
  query AdminProducts($text: String, $after: String) {
    products(first: 10, after: $after, filter: { text: $text }, sort: NEWEST) {
      edges { node { id sku name stock price { amountMinor currency } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      product { id sku name stock price { amountMinor currency } }
      userErrors { code message field }
    }
  }
`);

const AdjustStockMutation = graphql(`
  mutation AdjustStock($id: ID!, $delta: Int!) {
    adjustStock(id: $id, delta: $delta) {
      product { id stock }
      userErrors { code message }
    }
  }
`);

const AdminOrdersQuery = graphql(`
  query AdminOrders($first: Int!, $after: String, $filter: OrderSearchInput) {
    orders(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id createdAt status trackingNumber
          total { amountMinor currency }
          user { id name email }
          items { quantity product { id name } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ShipOrderMutation = graphql(`
  mutation ShipOrder($id: ID!, $trackingNumber: String!) {
    shipOrder(id: $id, trackingNumber: $trackingNumber) {
      order { id status trackingNumber statusHistory { status at reason } }
      userErrors { code message field }
    }
  }
`);

const STATUSES: OrderStatus[] = ['PENDING', 'PAID', 'PAYMENT_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

export function AdminPage() {
  const { session, restoring } = useSession();
  if (restoring) {
    return <p className="muted">Loading…</p>;
  }
  if (session?.user.role !== 'ADMIN') {
    return (
      <section className="panel">
        <h1>Admin</h1>
        <p>This page is for shop administrators. <a href={href('signin', { next: 'admin' })}>Sign in as an admin</a></p>
      </section>
    );
  }
  return (
    <div className="admin">
      <h1>Admin</h1>
      <AdminOrders />
      <div className="admin-columns">
        <NewProduct />
        <Stock />
      </div>
    </div>
  );
}

function NewProduct() {
  const [, create] = useMutation(CreateProductMutation);
  const [form, setForm] = useState({ sku: '', name: '', description: '', price: '', stock: '0' });
  const [errors, setErrors] = useState<Array<{ code: string; message: string }>>([]);
  const [created, setCreated] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const amountMinor = toMinor(form.price);
    const stock = Number(form.stock);
    if (amountMinor === null || !Number.isInteger(stock)) {
      setErrors([{ code: 'FORM', message: 'Price is an amount like 12.50 and stock a whole number.' }]);
      return;
    }
    const result = await create({ input: { sku: form.sku.trim(), name: form.name.trim(),
      description: form.description.trim() || null, price: { amountMinor, currency: 'EUR' }, stock } });
    const payload = result.data?.createProduct;
    if (!payload) {
      setErrors([{ code: 'UNAVAILABLE', message: result.error?.message ?? 'No answer; try again.' }]);
      return;
    }
    setErrors([...payload.userErrors]);
    if (payload.product) {
      setCreated(`${payload.product.name} (${payload.product.sku}) is in the catalogue.`);
      setForm({ sku: '', name: '', description: '', price: '', stock: '0' });
    }
  }
  return (
    <section className="panel">
      <h2>Add a product</h2>
      <form className="form" onSubmit={submit} data-testid="new-product">
        <div className="form-row">
          <label>SKU<input name="sku" value={form.sku} onChange={set('sku')} required /></label>
          <label>Name<input name="name" value={form.name} onChange={set('name')} required /></label>
        </div>
        <label>Description<textarea name="description" rows={2} value={form.description} onChange={set('description')} /></label>
        <div className="form-row">
          <label>Price (EUR)<input name="price" inputMode="decimal" value={form.price} onChange={set('price')} required /></label>
          <label>Stock<input name="stock" inputMode="numeric" value={form.stock} onChange={set('stock')} /></label>
        </div>
        {errors.map((e) => <p key={e.code + e.message} className="alert error" role="alert">{e.message}</p>)}
        {created && <p className="alert ok" role="status">{created}</p>}
        <button type="submit" className="primary">Add product</button>
      </form>
    </section>
  );
}

function Stock() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [result] = useQuery({ query: AdminProductsQuery, variables: { text: query || null },
    requestPolicy: 'cache-and-network' });
  return (
    <section className="panel">
      <h2>Stock</h2>
      <form className="search-row" onSubmit={(e) => { e.preventDefault(); setQuery(text.trim()); }}>
        <input type="search" aria-label="Find a product" placeholder="Find a product" value={text}
               onChange={(e) => setText(e.target.value)} />
        <button type="submit">Find</button>
      </form>
      {result.error && <p className="alert error">{result.error.message}</p>}
      <ul className="stock-list" data-testid="stock-list">
        {result.data?.products.edges.map(({ node }) => <StockRow key={node.id} product={node} />)}
      </ul>
    </section>
  );
}

function StockRow({ product }: { product: { id: string; sku: string; name: string; stock: number } }) {
  const [, adjust] = useMutation(AdjustStockMutation);
  const [delta, setDelta] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  async function apply(event: FormEvent) {
    event.preventDefault();
    const value = Number(delta);
    if (!Number.isInteger(value) || value === 0) {
      setMessage('Enter a whole number such as 5 or -2.');
      return;
    }
    const result = await adjust({ id: product.id, delta: value });
    const payload = result.data?.adjustStock;
    setMessage(payload?.userErrors[0]?.message ?? (payload ? null : result.error?.message ?? 'No answer'));
    if (payload?.product) {
      setDelta('');
    }
  }
  return (
    <li className="stock-row" data-sku={product.sku}>
      <span className="stock-name">{product.name}<span className="muted"> {product.sku}</span></span>
      <span className="stock-count" data-testid="stock-count">{product.stock}</span>
      <form onSubmit={apply} className="stock-form">
        <input aria-label={`Change stock of ${product.name}`} inputMode="numeric" placeholder="±" value={delta}
               onChange={(e) => setDelta(e.target.value)} />
        <button type="submit">Apply</button>
      </form>
      {message && <span className="inline-error">{message}</span>}
    </li>
  );
}

function AdminOrders() {
  const [status, setStatus] = useState<OrderStatus | ''>('PAID');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const [result] = useQuery({ query: AdminOrdersQuery,
    variables: { first: 10, after, filter: status ? { status } : null }, requestPolicy: 'cache-and-network' });
  const connection = result.data?.orders;
  return (
    <section className="panel">
      <div className="section-head">
        <h2>Orders</h2>
        <label className="sort-field">
          Status
          <select name="status" value={status} data-testid="order-status-filter"
                  onChange={(e) => { setStatus(e.target.value as OrderStatus | ''); setCursors([null]); }}>
            <option value="">All</option>
            {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </select>
        </label>
      </div>
      {result.error && <p className="alert error">{result.error.message}</p>}
      {connection && connection.edges.length === 0 && <p className="empty">No orders{status ? ` with status ${STATUS_LABEL[status]}` : ''}.</p>}
      <ul className="admin-orders" data-testid="admin-orders">
        {connection?.edges.map(({ node }) => <AdminOrderRow key={node.id} order={node} />)}
      </ul>
      {connection && (cursors.length > 1 || connection.pageInfo.hasNextPage) && (
        <nav className="pager">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>← Newer</button>
          <button type="button" disabled={!connection.pageInfo.hasNextPage}
                  onClick={() => setCursors([...cursors, connection.pageInfo.endCursor ?? null])}>Older →</button>
        </nav>
      )}
    </section>
  );
}

type AdminOrder = {
  id: string; createdAt: string; status: OrderStatus; trackingNumber?: string | null;
  total: { amountMinor: number; currency: string }; user: { name: string; email: string };
  items: ReadonlyArray<{ quantity: number; product: { name: string } }>;
};

function AdminOrderRow({ order }: { order: AdminOrder }) {
  const [, ship] = useMutation(ShipOrderMutation);
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await ship({ id: order.id, trackingNumber: tracking.trim() });
    const payload = result.data?.shipOrder;
    setError(payload?.userErrors[0]?.message ?? (payload ? null : result.error?.message ?? 'No answer'));
  }
  return (
    <li className="admin-order" data-testid="admin-order" data-order-id={order.id} data-status={order.status}>
      <div className="order-head">
        <div>
          <strong>{order.id}</strong> <span className="muted">{dateTime(order.createdAt)}</span><br />
          <span>{order.user.name}</span> <span className="muted">{order.user.email}</span>
        </div>
        <div className="order-head-right">
          <span className={`status status-${order.status.toLowerCase()}`}>{STATUS_LABEL[order.status]}</span>
          <strong>{money(order.total)}</strong>
        </div>
      </div>
      <p className="muted">{order.items.map((i) => `${i.quantity} × ${i.product.name}`).join(', ')}</p>
      {order.trackingNumber && <p>Tracking number: {order.trackingNumber}</p>}
      {order.status === 'PAID' && (
        <form className="ship-form" onSubmit={submit}>
          <input aria-label={`Tracking number for ${order.id}`} placeholder="Tracking number" value={tracking}
                 onChange={(e) => setTracking(e.target.value)} required />
          <button type="submit" className="primary" data-testid="ship-order">Ship</button>
        </form>
      )}
      {error && <p className="inline-error" role="alert">{error}</p>}
    </li>
  );
}
