// Hash routing (#/product/prod-01, #/?q=lamp&sort=PRICE_ASC): the gateway serves one index.html at
// /shop/ and every page is a fragment of it, so reloads and shared links need no server rules.
import { useSyncExternalStore } from 'react';

export type Route = { path: string[]; params: URLSearchParams };

function parse(hash: string): Route {
  const text = hash.replace(/^#/, '') || '/';
  const [pathPart, query = ''] = text.split('?', 2);
  return { path: pathPart.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

let current = location.hash;
const listeners = new Set<() => void>();
window.addEventListener('hashchange', () => {
  current = location.hash;
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
});

export function useRoute(): Route {
  const hash = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, () => current);
  return parse(hash);
}

/** A link target: href('product', id) → "#/product/id"; params appended without empty values. */
export function href(...parts: Array<string | Record<string, string | null | undefined>>): string {
  const path = parts.filter((p): p is string => typeof p === 'string').map(encodeURIComponent).join('/');
  const params = new URLSearchParams();
  for (const part of parts) {
    if (typeof part === 'object') {
      for (const [key, value] of Object.entries(part)) {
        if (value != null && value !== '') {
          params.set(key, value);
        }
      }
    }
  }
  const query = params.toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}

export function navigate(target: string): void {
  location.hash = target.replace(/^#/, '');
}
