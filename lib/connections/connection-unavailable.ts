// Thrown when a shop's connection can't be used right now (revoked, uninstalled, disconnected by an
// admin, or no credentials at all). The outbox keeps such effects waiting instead of dead-lettering
// them: they run once the store is connected again.
export class ConnectionUnavailableError extends Error {
  constructor(
    readonly system: 'shopify' | 'gorgias' | 'klaviyo',
    readonly shopId: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionUnavailableError';
  }
}
