// next.config.mjs is plain JavaScript (Next loads it untranspiled); tests import it to check its headers.
declare module '*/next.config.mjs' {
  import type { NextConfig } from 'next';
  const nextConfig: NextConfig;
  export default nextConfig;
}
