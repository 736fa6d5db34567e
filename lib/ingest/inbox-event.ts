// A stored inbox row as the projection receives it. A type of its own, low in the tree, so that
// lib/ingest (which runs the projection) and lib/projection (which reads the rows) don't import each other.
export interface InboxEvent {
  id: number;
  source: string;
  shopId: string;
  topic: string;
  eventId: string;
  triggeredAt: Date | null;
  body: string;
  receivedAt: Date;
}
