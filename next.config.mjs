/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and pg has optional native bits: load them from node_modules at run time
  // instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@vercel/postgres', 'lossless-json'],
  poweredByHeader: false,
  // Prompts are read from disk at run time; serverless bundles must ship them.
  outputFileTracingIncludes: { '/**': ['./prompts/**'] },
  typedRoutes: false,
};

export default nextConfig;
