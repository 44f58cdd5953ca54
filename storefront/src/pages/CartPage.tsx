import { useState } from 'react';
import { ProductImage } from '../components/ProductImage';
import { useCart } from '../lib/cart';
import { money } from '../lib/format';
import { href } from '../lib/router';
import { useSession } from '../lib/session';

export function CartPage() {
  const { session } = useSession();
  const { cart, fetching, error, setQuantity, remove } = useCart();
  const [problem, setProblem] = useState<string | null>(null);
  const lines = cart?.lines ?? [];

  async function change(run: () => Promise<Array<{ message: string }>>) {
    setProblem(null);
    const errors = await run();
    if (errors.length) {
      setProblem(errors[0].message);
    }
  }

  if (error) {
    return <p className="alert error" role="alert">The cart could not be loaded: {error.message}</p>;
  }
  if (fetching) {
    return <p className="muted">Loading…</p>;
  }
  const currency = lines[0]?.product.price.currency ?? 'EUR';
  const total = lines.reduce((sum, line) => sum + line.product.price.amountMinor * line.quantity, 0);
  const unavailable = lines.some((line) => line.product.stock < line.quantity);
  return (
    <section className="panel cart-page">
      <h1>Your cart</h1>
      {problem && <p className="alert error" role="alert">{problem}</p>}
      {lines.length === 0 ? (
        <p className="empty" data-testid="cart-empty">Your cart is empty. <a href={href()}>Browse the shop</a></p>
      ) : (
        <>
          <ul className="cart-lines" data-testid="cart-lines">
            {lines.map((line) => (
              <li key={line.product.id} className="cart-line" data-testid="cart-line" data-sku={line.product.sku}>
                <ProductImage sku={line.product.sku} name={line.product.name} size="thumb" />
                <div className="cart-line-info">
                  <a href={href('product', line.product.id)}>{line.product.name}</a>
                  <span className="muted">{money(line.product.price)} each</span>
                  {line.product.stock < line.quantity && (
                    <span className="stock out">
                      {line.product.stock === 0 ? 'Out of stock' : `Only ${line.product.stock} in stock`}
                    </span>
                  )}
                </div>
                <label className="quantity-field">
                  <span className="visually-hidden">Quantity of {line.product.name}</span>
                  <select value={line.quantity} data-testid="line-quantity"
                          onChange={(e) => void change(() => setQuantity(line.product.id, Number(e.target.value)))}>
                    {Array.from({ length: Math.max(10, line.quantity) }, (_, i) => i + 1)
                      .map((n) => <option key={n} value={n}>{n}</option>)}
                  </select>
                </label>
                <span className="line-total">
                  {money({ amountMinor: line.product.price.amountMinor * line.quantity, currency: line.product.price.currency })}
                </span>
                <button type="button" className="link-button" onClick={() => void change(() => remove(line.product.id))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <div className="cart-summary">
            <span>Total ({cart?.itemCount} {cart?.itemCount === 1 ? 'item' : 'items'})</span>
            <strong data-testid="cart-total">{money({ amountMinor: total, currency })}</strong>
          </div>
          {unavailable && <p className="alert warn">Some items are not available in the quantity in your cart.</p>}
          <div className="actions">
            <a className="button" href={href()}>Continue shopping</a>
            <a className="button primary" data-testid="go-checkout"
               href={session ? href('checkout') : href('signin', { next: 'checkout' })}>
              {session ? 'Checkout' : 'Sign in to check out'}
            </a>
          </div>
        </>
      )}
    </section>
  );
}
