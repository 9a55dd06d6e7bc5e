/**
 * The signed-in account's balances: the snapshot from `GET /api/v1/account`, kept current by the private
 * stream's `outboundAccountPosition` updates (each carries the free and locked amounts after a change).
 *
 * An update can overtake the snapshot that was requested before it, so a snapshot does not overwrite an
 * asset that the stream updated after that snapshot was requested (`beginLoad` marks the request).
 */
import type { AccountBalance, AccountPosition } from './api-types';

export class Balances {
  private readonly rows = new Map<string, AccountBalance>();
  private readonly streamedAt = new Map<string, number>();
  private generation = 0;
  private snapshotLoaded = false;

  clear(): void {
    this.rows.clear();
    this.streamedAt.clear();
    this.snapshotLoaded = false;
  }

  /** Call just before requesting a snapshot; pass the returned mark to `load`. */
  beginLoad(): number {
    this.generation += 1;
    return this.generation;
  }

  load(mark: number, items: AccountBalance[]): void {
    for (const b of items) {
      if ((this.streamedAt.get(b.asset) ?? 0) >= mark) continue;
      this.rows.set(b.asset, { asset: b.asset, free: b.free, locked: b.locked });
    }
    this.snapshotLoaded = true;
  }

  applyPosition(position: AccountPosition): void {
    for (const b of position.B) {
      this.rows.set(b.a, { asset: b.a, free: b.f, locked: b.l });
      this.streamedAt.set(b.a, this.generation);
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
