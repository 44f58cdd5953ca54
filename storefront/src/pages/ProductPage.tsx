import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ProductImage } from '../components/ProductImage';
import { AddToCartButton } from '../components/AddToCartButton';
import { money } from '../lib/format';
import { href } from '../lib/router';

const ProductQuery = graphql(`
  query Product($id: ID!) {
    product(id: $id) { id sku name description stock price { amountMinor currency } }
  }
`);

export function ProductPage({ id }: { id: string | undefined }) {
  // stock changes with every order: always asked for again when the page opens
  const [result] = useQuery({ query: ProductQuery, variables: { id: id ?? '' }, pause: !id,
    requestPolicy: 'cache-and-network' });
  const [quantity, setQuantity] = useState(1);
  const product = result.data?.product;
  if (result.error) {
    return <p className="alert error" role="alert">The product could not be loaded: {result.error.message}</p>;
  }
  if (result.fetching && !result.data) {
    return <p className="muted">Loading…</p>;
  }
  if (!product) {
    return (
      <section className="panel">
        <h1>Product not found</h1>
        <p><a href={href()}>Back to the shop</a></p>
      </section>
    );
  }
  const max = Math.max(1, Math.min(product.stock, 10));
  return (
    <article className="product-page">
      <p className="crumbs"><a href={href()}>← All products</a></p>
      <div className="product-layout">
        <ProductImage sku={product.sku} name={product.name} size="large" />
        <div className="product-info">
          <h1 data-testid="product-name">{product.name}</h1>
          <p className="sku">SKU {product.sku}</p>
          <p className="price large">{money(product.price)}</p>
          <p className={product.stock > 0 ? 'stock in' : 'stock out'} data-testid="product-stock"
             data-stock={product.stock}>
            {product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}
          </p>
          {product.description && <p className="description">{product.description}</p>}
          {product.stock > 0 && (
            <label className="quantity-field">
              Quantity
              <select value={Math.min(quantity, max)} onChange={(e) => setQuantity(Number(e.target.value))}>
                {Array.from({ length: max }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
          )}
          <AddToCartButton productId={product.id} quantity={Math.min(quantity, max)} disabled={product.stock <= 0} />
        </div>
      </div>
    </article>
  );
}
