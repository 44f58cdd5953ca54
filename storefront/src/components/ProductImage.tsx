// A product picture made from the product itself: colours from a hash of the SKU, the name's
// initials, and one of a few shapes, so every product looks different and nothing is fetched.

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  return (words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2)).toUpperCase();
}

export function ProductImage({ sku, name, size = 'card' }: { sku: string; name: string; size?: 'card' | 'large' | 'thumb' }) {
  const h = hash(sku || name);
  const hue = h % 360;
  const hue2 = (hue + 40 + ((h >> 9) % 80)) % 360;
  const shape = (h >> 4) % 3;
  const id = `g-${sku.replace(/[^A-Za-z0-9_-]/g, '')}-${size}`;
  return (
    <svg className={`product-image product-image-${size}`} viewBox="0 0 200 150" role="img" aria-label={name}
         preserveAspectRatio="xMidYMid slice">
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 55% 88%)`} />
          <stop offset="1" stopColor={`hsl(${hue2} 50% 72%)`} />
        </linearGradient>
      </defs>
      <rect width="200" height="150" fill={`url(#${id})`} />
      {shape === 0 && <circle cx="150" cy="38" r="46" fill={`hsl(${hue2} 45% 60% / 0.45)`} />}
      {shape === 1 && <rect x="118" y="-20" width="110" height="110" rx="22" transform="rotate(20 170 40)"
                            fill={`hsl(${hue2} 45% 60% / 0.45)`} />}
      {shape === 2 && <path d="M120 150 L200 40 L200 150 Z" fill={`hsl(${hue2} 45% 60% / 0.45)`} />}
      <text x="24" y="112" fontFamily="system-ui, sans-serif" fontSize="54" fontWeight="700"
            fill={`hsl(${hue} 40% 28%)`}>{initials(name)}</text>
    </svg>
  );
}
