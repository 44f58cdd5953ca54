import { useMemo } from 'react';
import { Client, Provider, cacheExchange, fetchExchange } from 'urql';
import { GRAPHQL_URL, authorizedFetch, signOut, useSession } from './lib/session';
import { href, navigate, useRoute } from './lib/router';
import { useCart } from './lib/cart';
import { Catalogue } from './pages/Catalogue';
import { ProductPage } from './pages/ProductPage';
import { CartPage } from './pages/CartPage';
import { SignInPage } from './pages/SignInPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { OrdersPage } from './pages/OrdersPage';
import { AdminPage } from './pages/AdminPage';

/** One GraphQL client per signed-in account (and one for anonymous shoppers): nothing cached crosses accounts. */
function makeClient(): Client {
  return new Client({
    url: GRAPHQL_URL,
    // POST only: the gateway's CSRF prevention refuses GETs a browser could send cross-site
    preferGetMethod: false,
    fetch: authorizedFetch,
    exchanges: [cacheExchange, fetchExchange],
  });
}

export function App() {
  const { session } = useSession();
  const client = useMemo(makeClient, [session?.user.id]);
  return (
    <Provider value={client}>
      <Header />
      <main className="page">
        <Routes />
      </main>
      <footer className="footer">
        Storefront demo shop · test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined
      </footer>
    </Provider>
  );
}

function Routes() {
  const route = useRoute();
  const [page, id] = route.path;
  switch (page) {
    case undefined:
      return <Catalogue params={route.params} />;
    case 'product':
      return <ProductPage id={id} />;
    case 'cart':
      return <CartPage />;
    case 'signin':
      return <SignInPage next={route.params.get('next')} />;
    case 'checkout':
      return <CheckoutPage />;
    case 'orders':
      return <OrdersPage placed={route.params.get('placed')} />;
    case 'admin':
      return <AdminPage />;
    default:
      return (
        <section className="panel">
          <h1>Page not found</h1>
          <p><a href={href()}>Back to the shop</a></p>
        </section>
      );
  }
}

function Header() {
  const { session, restoring } = useSession();
  const { cart } = useCart();
  const count = cart?.itemCount ?? 0;
  return (
    <header className="header">
      <a className="brand" href={href()}>
        <span className="brand-mark" aria-hidden="true" />Storefront
      </a>
      <nav className="nav" aria-label="Main">
        <a href={href()}>Shop</a>
        {session && <a href={href('orders')}>My orders</a>}
        {session?.user.role === 'ADMIN' && <a href={href('admin')}>Admin</a>}
        <a href={href('cart')} className="cart-link" data-testid="cart-link">
          Cart<span className="badge" data-testid="cart-count">{count}</span>
        </a>
        {session ? (
          <span className="account">
            <span className="account-name" data-testid="account-name">{session.user.name}</span>
            <button type="button" className="link-button" onClick={() => void signOut().then(() => navigate(href()))}>
              Sign out
            </button>
          </span>
        ) : (
          !restoring && <a href={href('signin')}>Sign in</a>
        )}
      </nav>
    </header>
  );
}
