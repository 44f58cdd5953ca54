import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AddressInput } from '../gql/graphql';
import { AddressForm, type FieldError } from '../components/AddressForm';
import { useCart } from '../lib/cart';
import { money } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useSession } from '../lib/session';

const AddressesQuery = graphql(`
  query MyAddresses {
    me { id addresses { id recipient line1 line2 city postalCode country phone isDefault } }
  }
`);

const AddAddressMutation = graphql(`
  mutation AddAddress($input: AddressInput!) {
    addAddress(input: $input) {
      address { id recipient line1 line2 city postalCode country phone isDefault }
      userErrors { code message field }
    }
  }
`);

const CheckoutMutation = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      order { id status total { amountMinor currency } }
      userErrors { code message field }
    }
  }
`);

/** What a shopper reads for the checkout failures they can do something about. */
const SHOPPER_MESSAGES: Record<string, string> = {
  PAYMENT_DECLINED: 'Your card was declined. You have not been charged and your cart is saved — please try another card.',
  INSUFFICIENT_FUNDS: 'Your card has insufficient funds. You have not been charged and your cart is saved — please try another card.',
  PAYMENT_PROVIDER_TIMEOUT: 'The card provider did not answer in time. You have not been charged and your cart is saved — please try again in a moment.',
  INVALID_CARD_NUMBER: 'That card number is not valid. Please check it and try again.',
  EMPTY_CART: 'Your cart is empty.',
  ADDRESS_NOT_FOUND: 'That address is no longer on your account. Please choose another one.',
};

/** An idempotency key per checkout attempt (crypto.randomUUID needs a secure context; this does not). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function CheckoutPage() {
  const { session, restoring } = useSession();
  const { cart, fetching: cartLoading, refetch: refetchCart } = useCart();
  const [addresses, refetchAddresses] = useQuery({ query: AddressesQuery, pause: !session, requestPolicy: 'cache-and-network' });
  const [, addAddress] = useMutation(AddAddressMutation);
  const [, checkout] = useMutation(CheckoutMutation);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [addressErrors, setAddressErrors] = useState<FieldError[]>([]);
  const [savingAddress, setSavingAddress] = useState(false);
  const [card, setCard] = useState('');
  const [key, setKey] = useState(newKey);
  const [placing, setPlacing] = useState(false);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);

  useEffect(() => {
    if (!session && !restoring) {
      navigate(href('signin', { next: 'checkout' }));
    }
  }, [session, restoring]);

  const list = (addresses.data?.me?.addresses ?? []).filter((a): a is NonNullable<typeof a> => a != null);
  const chosen = addressId && list.some((a) => a.id === addressId) ? addressId : (list.find((a) => a.isDefault) ?? list[0])?.id;

  async function saveAddress(input: AddressInput) {
    setSavingAddress(true);
    const result = await addAddress({ input });
    setSavingAddress(false);
    const payload = result.data?.addAddress;
    if (!payload) {
      setAddressErrors([{ code: 'UNAVAILABLE', message: 'The address could not be saved. Please try again.' }]);
      return;
    }
    setAddressErrors([...payload.userErrors]);
    if (payload.address) {
      setAddressId(payload.address.id);
      setAdding(false);
      refetchAddresses({ requestPolicy: 'network-only' });
    }
  }

  async function placeOrder(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setProblem({ code: 'NO_ADDRESS', message: 'Please add a shipping address.' });
      return;
    }
    setPlacing(true);
    setProblem(null);
    const result = await checkout({
      input: { idempotencyKey: key, shippingAddressId: chosen, paymentMethod: { cardNumber: card.replace(/[\s-]/g, '') } },
    });
    setPlacing(false);
    const payload = result.data?.checkout;
    if (!payload) {
      // no answer: the same key is sent again on retry, so the order can never be placed twice
      setProblem({ code: 'UNAVAILABLE', message: 'The shop could not be reached. Nothing was charged twice — please try again.' });
      return;
    }
    setKey(newKey()); // an answer: the next attempt is a new order
    refetchCart();
    const error = payload.userErrors[0];
    if (error) {
      setProblem({ code: error.code, message: SHOPPER_MESSAGES[error.code] ?? error.message });
      return;
    }
    if (payload.order) {
      navigate(href('orders', { placed: payload.order.id }));
    }
  }

  if (!session || cartLoading) {
    return <p className="muted">Loading…</p>;
  }
  const lines = cart?.lines ?? [];
  if (lines.length === 0) {
    return (
      <section className="panel">
        <h1>Checkout</h1>
        <p className="empty">Your cart is empty. <a href={href()}>Browse the shop</a></p>
      </section>
    );
  }
  const currency = lines[0].product.price.currency;
  const total = lines.reduce((sum, line) => sum + line.product.price.amountMinor * line.quantity, 0);
  return (
    <div className="checkout">
      <section className="panel">
        <h1>Checkout</h1>
        <h2>Shipping address</h2>
        {addresses.error && <p className="alert error">Your addresses could not be loaded: {addresses.error.message}</p>}
        {list.length > 0 && (
          <fieldset className="address-list" data-testid="address-list">
            <legend className="visually-hidden">Ship to</legend>
            {list.map((a) => (
              <label key={a.id} className="address-option">
                <input type="radio" name="address" value={a.id} checked={a.id === chosen} onChange={() => setAddressId(a.id)} />
                <span>
                  <strong>{a.recipient}</strong>{a.isDefault && <span className="tag">Default</span>}<br />
                  {a.line1}{a.line2 ? `, ${a.line2}` : ''}, {a.postalCode} {a.city}, {a.country}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {adding || (list.length === 0 && !addresses.fetching) ? (
          <AddressForm onSubmit={(input) => void saveAddress(input)} errors={addressErrors} busy={savingAddress}
                       onCancel={list.length > 0 ? () => setAdding(false) : undefined} />
        ) : (
          <button type="button" className="link-button" onClick={() => { setAdding(true); setAddressErrors([]); }}
                  data-testid="add-address">
            + Add a new address
          </button>
        )}
      </section>

      <section className="panel">
        <h2>Payment</h2>
        <form className="form" onSubmit={placeOrder}>
          <label>
            Card number
            <input name="card" inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242"
                   value={card} onChange={(e) => setCard(e.target.value)} required />
          </label>
          <p className="hint">
            Test cards: 4242 4242 4242 4242 pays · 4000 0000 0000 0002 is declined · 4000 0000 0000 0119 times out
          </p>
          <ul className="summary-lines">
            {lines.map((line) => (
              <li key={line.product.id}>
                <span>{line.quantity} × {line.product.name}</span>
                <span>{money({ amountMinor: line.product.price.amountMinor * line.quantity, currency: line.product.price.currency })}</span>
              </li>
            ))}
          </ul>
          <div className="cart-summary">
            <span>Total</span>
            <strong>{money({ amountMinor: total, currency })}</strong>
          </div>
          {problem && (
            <p className="alert error" role="alert" data-testid="checkout-error" data-code={problem.code}>{problem.message}</p>
          )}
          <button type="submit" className="primary wide" disabled={placing || !chosen || !card.trim()} data-testid="place-order">
            {placing ? 'Placing your order…' : `Pay ${money({ amountMinor: total, currency })}`}
          </button>
        </form>
      </section>
    </div>
  );
}
