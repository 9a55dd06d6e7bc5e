/**
 * The signed-in account's balances: snapshots from `GET /api/v1/account`, kept current by the private
 * stream's `outboundAccountPosition` updates (each carries the free and locked amounts after a change).
 *
 * The snapshot is served from the history tier, which can lag the stream, and carries no sequence. So once
 * the stream has reported an asset on the current connection, that asset follows the stream only and
 * snapshots fill in the others (an asset whose changes all happened before the socket connected, such as a
 * starter deposit at sign-in). After a reconnect (`resync`) updates may have been missed: snapshots apply
 * to every asset again until the stream reports it anew.
 */
import type { AccountBalance, AccountPosition } from './api-types';

export class Balances {
  private readonly rows = new Map<string, AccountBalance>();
  private readonly streamed = new Set<string>();
  private snapshotLoaded = false;

  clear(): void {
    this.rows.clear();
    this.streamed.clear();
    this.snapshotLoaded = false;
  }

  /** The private stream reconnected: it may have missed updates, so the next snapshot is trusted again. */
  resync(): void {
    this.streamed.clear();
  }

  load(items: AccountBalance[]): void {
    for (const b of items) {
      if (this.streamed.has(b.asset)) continue;
      this.rows.set(b.asset, { asset: b.asset, free: b.free, locked: b.locked });
    }
    this.snapshotLoaded = true;
  }

  applyPosition(position: AccountPosition): void {
    for (const b of position.B) {
      this.rows.set(b.a, { asset: b.a, free: b.f, locked: b.l });
      this.streamed.add(b.a);
    }
  }
  /** Whether a snapshot arrived: until then an asset's absence does not mean a zero balance. */
  get loaded(): boolean {
    return this.snapshotLoaded;
  }

  get(asset: string): AccountBalance | undefined {
    return this.rows.get(asset);
  }

  /** Free amount of an asset: "0" for an asset the account never held, null before the snapshot. */
  free(asset: string): string | null {
    if (!this.snapshotLoaded) return null;
    return this.rows.get(asset)?.free ?? '0';
  }

  /** All assets, alphabetically. */
  list(): AccountBalance[] {
    return [...this.rows.values()].sort((a, b) => a.asset.localeCompare(b.asset));
  }
}
