// Security headers. Gorgias embeds nothing of ours except the widget page, which an agent may open
// inside Gorgias; nothing else (admin one-click actions above all) may be framed by anyone.
// Widget links carry their token in the query string, hence no Referer ever leaves the app.
// 'unsafe-inline' scripts: Next's App Router inlines its hydration data; nonces would force every
// page to render per request. Tokens never reach the page's HTML outside the widget, and no page
// renders customer text as HTML (React escapes it).
const GORGIAS_ORIGINS = 'https://*.gorgias.com https://*.gorgias.help';
const dev = process.env.NODE_ENV !== 'production';

function csp(frameAncestors) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const common = [
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and pg has optional native bits: load them from node_modules at run time
  // instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@vercel/postgres', 'lossless-json'],
  poweredByHeader: false,
  // Prompts are read from disk at run time; serverless bundles must ship them.
  outputFileTracingIncludes: { '/**': ['./prompts/**'] },
  typedRoutes: false,
  async headers() {
    return [
      // Everything except the widget page: never framed by anyone.
      {
        source: '/:path((?!widget/).*)',
        headers: [...common, { key: 'Content-Security-Policy', value: csp("'none'") }, { key: 'X-Frame-Options', value: 'DENY' }],
      },
      // The widget page: framed only by this app (the demo inbox) and Gorgias. X-Frame-Options can't
      // name several origins, so it is left to CSP frame-ancestors here.
      { source: '/widget/:path*', headers: [...common, { key: 'Content-Security-Policy', value: csp(`'self' ${GORGIAS_ORIGINS}`) }] },
    ];
  },
  // unauthorized() answers an invalid widget link with 401 instead of a 200 error page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
