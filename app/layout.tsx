import type { Metadata } from 'next';
import './globals.css';
import { QueryProvider } from '@/components/query-provider';

export const metadata: Metadata = {
  title: { default: 'Concord', template: '%s · Concord' },
  description: 'Post-purchase operations: Shopify, Gorgias and Klaviyo in one state.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
