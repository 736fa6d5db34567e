/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and pg has optional native bits: load them from node_modules at run time
  // instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@vercel/postgres', 'lossless-json'],
  poweredByHeader: false,
  // Prompts are read from disk at run time; serverless bundles must ship them.
  outputFileTracingIncludes: { '/**': ['./prompts/**'] },
  typedRoutes: false,
  // unauthorized() answers an invalid widget link with 401 instead of a 200 error page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
