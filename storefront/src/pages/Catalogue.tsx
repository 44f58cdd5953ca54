import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProductSort } from '../gql/graphql';
import { ProductImage } from '../components/ProductImage';
import { AddToCartButton } from '../components/AddToCartButton';
import { money, toMinor } from '../lib/format';
import { href, navigate } from '../lib/router';

const PAGE_SIZE = 8;
const FIRST_PAGE = '~';

const CatalogueQuery = graphql(`
  query Catalogue($first: Int!, $after: String, $filter: ProductFilterInput, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      edges { cursor node { id sku name stock price { amountMinor currency } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SORTS: Array<{ value: ProductSort; label: string }> = [
  { value: 'ID', label: 'Featured' },
  { value: 'NAME', label: 'Name' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NEWEST', label: 'Newest' },
];

/** The catalogue; its search, filters, sort and page live in the URL (#/?q=…&sort=…&after=…). */
export function Catalogue({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const inStock = params.get('inStock') === '1';
  const min = params.get('min') ?? '';
  const max = params.get('max') ?? '';
  const sort = (SORTS.find((s) => s.value === params.get('sort'))?.value ?? 'ID') as ProductSort;
  const after = params.get('after');
  // the cursors of the pages before this one, for "Previous" (keyset pages have no page numbers);
  // FIRST_PAGE stands for the first page, which has none
  const previous = params.get('prev')?.split(',').filter(Boolean) ?? [];

  const [text, setText] = useState(q);
  const [minText, setMinText] = useState(min);
  const [maxText, setMaxText] = useState(max);
  // the URL is the truth: a link or Back that changes it resets the form
  useEffect(() => {
    setText(q);
    setMinText(min);
    setMaxText(max);
  }, [q, min, max]);
  const minMinor = min ? toMinor(min) : null;
  const maxMinor = max ? toMinor(max) : null;

  const [result] = useQuery({
    query: CatalogueQuery,
    variables: {
      first: PAGE_SIZE,
      after,
      sort,
      filter: {
        text: q || null,
        inStock: inStock || null,
        minPrice: minMinor,
        maxPrice: maxMinor,
      },
    },
  });

  const base: Record<string, string | null> = { q, inStock: inStock ? '1' : null, min, max, sort: sort === 'ID' ? null : sort };
  const go = (changes: Record<string, string | null>) => navigate(href({ ...base, ...changes }));

  function search(event: FormEvent) {
    event.preventDefault();
    const badPrice = (minText && toMinor(minText) === null) || (maxText && toMinor(maxText) === null);
    if (badPrice) {
      return;
    }
    go({ q: text.trim(), min: minText.trim(), max: maxText.trim() });
  }

  const connection = result.data?.products;
  const priceError = (minText && toMinor(minText) === null) || (maxText && toMinor(maxText) === null);
  return (
    <div className="catalogue">
      <form className="filters" onSubmit={search} role="search">
        <div className="search-row">
          <input type="search" name="q" aria-label="Search products" placeholder="Search products"
                 value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="primary">Search</button>
        </div>
        <div className="filter-row">
          <label className="check">
            <input type="checkbox" name="inStock" checked={inStock}
                   onChange={(e) => go({ inStock: e.target.checked ? '1' : null })} />
            In stock only
          </label>
          <label className="price-field">
            Min €
            <input inputMode="decimal" name="min" value={minText} onChange={(e) => setMinText(e.target.value)}
                   placeholder="0" aria-invalid={minText !== '' && toMinor(minText) === null} />
          </label>
          <label className="price-field">
            Max €
            <input inputMode="decimal" name="max" value={maxText} onChange={(e) => setMaxText(e.target.value)}
                   placeholder="any" aria-invalid={maxText !== '' && toMinor(maxText) === null} />
          </label>
          <label className="sort-field">
            Sort
            <select name="sort" value={sort} onChange={(e) => go({ sort: e.target.value === 'ID' ? null : e.target.value })}>
              {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
            </select>
          </label>
        </div>
        {priceError && <p className="field-error">Prices are amounts like 12 or 12.50.</p>}
      </form>

      {result.error && <p className="alert error" role="alert">The catalogue could not be loaded: {result.error.message}</p>}
      {result.fetching && !connection && <p className="muted">Loading…</p>}
      {connection && connection.edges.length === 0 && (
        <p className="empty" data-testid="no-results">No products match{q ? ` “${q}”` : ''}.</p>
      )}
      <ul className="product-grid" data-testid="product-grid">
        {connection?.edges.map(({ node }) => (
          <li key={node.id} className="product-card" data-testid="product-card" data-sku={node.sku}
              data-price={node.price.amountMinor} data-stock={node.stock}>
            <a href={href('product', node.id)} className="product-card-link">
              <ProductImage sku={node.sku} name={node.name} />
              <span className="product-name">{node.name}</span>
            </a>
            <div className="product-card-foot">
              <span className="price">{money(node.price)}</span>
              <span className={node.stock > 0 ? 'stock in' : 'stock out'}>
                {node.stock > 0 ? (node.stock < 5 ? `Only ${node.stock} left` : 'In stock') : 'Out of stock'}
              </span>
            </div>
            <AddToCartButton productId={node.id} disabled={node.stock <= 0} compact />
          </li>
        ))}
      </ul>
      {connection && (previous.length > 0 || after || connection.pageInfo.hasNextPage) && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={previous.length === 0}
                  onClick={() => {
                    const last = previous.at(-1);
                    go({ after: last === FIRST_PAGE ? null : last ?? null, prev: previous.slice(0, -1).join(',') || null });
                  }}>
            ← Previous
          </button>
          <span className="muted" data-testid="page-number">Page {previous.length + 1}</span>
          <button type="button" disabled={!connection.pageInfo.hasNextPage}
                  onClick={() => go({ after: connection.pageInfo.endCursor ?? null,
                    prev: [...previous, after ?? FIRST_PAGE].join(',') })}>
            Next →
          </button>
        </nav>
      )}
    </div>
  );
}
