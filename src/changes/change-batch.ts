import type { Viewer } from '../auth/jwt';
import { scopeKey } from '../customers/customer.scope';
import type { ChangeEvent } from './change-event.entity';

/** What delivery asks the database, once per batch and scope rather than once per subscriber. */
export interface DeliveryChecks {
  /** Those of `seqs` the viewer may see now: the customer row scope, in SQL (change-feed.service.ts). */
  visibleSeqs(viewer: Viewer, seqs: number[]): Promise<number[]>;
  /** False once the viewer's credential no longer holds (an expired token, a revoked partner key). */
  credentialHolds(viewer: Viewer): Promise<boolean>;
}

/**
 * One page of committed events as the relay published it. With a thousand subscribers the
 * scope question has few distinct answers (one per scope key: "sees everything", "no
 * A-class", one per borrowing user), so each is asked once per batch and shared.
 */
export class ChangeBatch {
  private readonly scopes = new Map<string, Promise<Set<number>>>();
  private readonly credentials = new Map<string, Promise<boolean>>();

  constructor(readonly events: ChangeEvent[], private readonly checks: DeliveryChecks) {}

  get lastSeq(): number {
    return this.events[this.events.length - 1]?.seq ?? 0;
  }

  /** Seqs of this batch the viewer may see, decided at delivery (an ended grant stops delivery). */
  visibleTo(viewer: Viewer): Promise<Set<number>> {
    return this.memo(this.scopes, scopeKey(viewer), async () => new Set(await this.checks.visibleSeqs(viewer, this.events.map((e) => e.seq))));
  }

  /** Whether the viewer's credential still holds at this batch: checked for each batch it would get. */
  credentialHolds(viewer: Viewer): Promise<boolean> {
    return this.memo(this.credentials, credentialKey(viewer), () => this.checks.credentialHolds(viewer));
  }

  private memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let answer = cache.get(key);
    if (!answer) {
      answer = load();
      cache.set(key, answer);
      // A failed check is asked again by the next subscriber instead of failing them all.
      answer.catch(() => cache.delete(key));
    }
    return answer;
  }
}

/** Viewers with the same key hold or lose their credential together. */
const credentialKey = (viewer: Viewer) => `${viewer.subject}|${viewer.expiresAt ?? ''}|${viewer.partnerKeyId ?? ''}`;
