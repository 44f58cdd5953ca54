import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { money, dateTime, STATUS_LABEL } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useSession } from '../lib/session';

const MyOrdersQuery = graphql(`
  query MyOrders {
    me {
      id
      orders(first: 100) {
        edges {
          node {
            id createdAt status trackingNumber
            total { amountMinor currency }
            items { quantity lineTotal { amountMinor currency } product { id sku name } }
            statusHistory { status at reason }
            shippingAddress { recipient line1 line2 city postalCode country }
            payments { id status cardLast4 }
          }
        }
        pageInfo { hasNextPage }
      }
    }
  }
`);

export function OrdersPage({ placed }: { placed: string | null }) {
  const { session, restoring } = useSession();
  // an order's status moves on elsewhere (shipping): always asked for again
  const [result] = useQuery({ query: MyOrdersQuery, pause: !session, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    if (!session && !restoring) {
      navigate(href('signin', { next: 'orders' }));
    }
  }, [session, restoring]);
  if (result.error) {
    return <p className="alert error" role="alert">Your orders could not be loaded: {result.error.message}</p>;
  }
  const connection = result.data?.me?.orders;
  if (!connection) {
    return <p className="muted">Loading…</p>;
  }
  // the API lists them in the order they were placed; shoppers look for the newest first
  const orders = [...connection.edges].map((e) => e.node).reverse();
  return (
    <section className="orders-page">
      <h1>My orders</h1>
      {placed && (
        <p className="alert ok" role="status" data-testid="order-placed">
          Thank you! Your order {placed} is placed.
        </p>
      )}
      {orders.length === 0 && <p className="empty">No orders yet. <a href={href()}>Browse the shop</a></p>}
      <ul className="order-list">
        {orders.map((order) => (
          <li key={order.id} className="panel order" data-testid="order" data-order-id={order.id} data-status={order.status}>
            <div className="order-head">
              <div>
                <h2>Order {order.id}</h2>
                <span className="muted">{dateTime(order.createdAt)}</span>
              </div>
              <span className={`status status-${order.status.toLowerCase()}`} data-testid="order-status">
                {STATUS_LABEL[order.status] ?? order.status}
              </span>
            </div>
            {order.trackingNumber && (
              <p className="tracking">Tracking number: <strong data-testid="tracking-number">{order.trackingNumber}</strong></p>
            )}
            <ul className="order-items">
              {order.items.map((item) => (
                <li key={item.product.id}>
                  <span>{item.quantity} × <a href={href('product', item.product.id)}>{item.product.name}</a></span>
                  <span>{money(item.lineTotal)}</span>
                </li>
              ))}
              <li className="order-total"><span>Total</span><strong>{money(order.total)}</strong></li>
            </ul>
            <div className="order-details">
              {order.shippingAddress && (
                <div>
                  <h3>Ships to</h3>
                  <p>
                    {order.shippingAddress.recipient}<br />
                    {order.shippingAddress.line1}{order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ''}<br />
                    {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.country}
                  </p>
                </div>
              )}
              <div>
                <h3>History</h3>
                <ol className="history" data-testid="status-history">
                  {order.statusHistory.map((change, i) => (
                    <li key={i}>
                      <strong>{STATUS_LABEL[change.status] ?? change.status}</strong>
                      <span className="muted"> {dateTime(change.at)}</span>
                      {change.reason && <span className="muted"> — {change.reason}</span>}
                    </li>
                  ))}
                </ol>
              </div>
              {order.payments.length > 0 && (
                <div>
                  <h3>Payment</h3>
                  {order.payments.map((p) => (
                    <p key={p.id} className="muted">Card ···· {p.cardLast4 ?? '----'} · {p.status.toLowerCase()}</p>
                  ))}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      {connection.pageInfo.hasNextPage && <p className="muted">Showing your first 100 orders.</p>}
    </section>
  );
}
