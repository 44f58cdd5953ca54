import { useState } from 'react';
import { useCart } from '../lib/cart';

/** Adds to the shopper's cart (creating an anonymous one on first use) and says how it went. */
export function AddToCartButton({ productId, quantity = 1, disabled, compact }:
  { productId: string; quantity?: number; disabled?: boolean; compact?: boolean }) {
  const { add } = useCart();
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: boolean }>({ busy: false });
  async function onClick() {
    setState({ busy: true });
    const errors = await add(productId, quantity);
    setState(errors.length ? { busy: false, message: errors[0].message, error: true } : { busy: false, message: 'Added' });
    if (!errors.length) {
      setTimeout(() => setState((s) => (s.message === 'Added' ? { busy: false } : s)), 2000);
    }
  }
  return (
    <div className={compact ? 'add-to-cart compact' : 'add-to-cart'}>
      <button type="button" className="primary" disabled={disabled || state.busy} onClick={() => void onClick()}
              data-testid="add-to-cart">
        {disabled ? 'Sold out' : state.busy ? 'Adding…' : 'Add to cart'}
      </button>
      {state.message && (
        <span className={state.error ? 'inline-error' : 'inline-ok'} role="status">{state.message}</span>
      )}
    </div>
  );
}
