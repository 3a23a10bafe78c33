import "server-only";
/**
 * Who is listening, grouped by what they may see (issue 13). Every open stream of an instance registers here under
 * its scope key (a state's districts, a district, a block, narrowed or not to one block); an event is checked
 * against each key once and handed to that key's subscribers, so 2,000 streams over a few dozen keys cost a few
 * dozen visibility checks per event, not 2,000. Subscribers only enqueue (see event-stream.ts); nothing here
 * waits on a slow client.
 */
import type { Scope } from "@/server/auth/scope";
import { eventVisibleTo, type StreamEvent } from "@/server/events/live-event";

export type Subscriber = (event: StreamEvent) => void;

export type FanoutStats = { keys: number; subscribers: number; events: number; deliveries: number; lastFanoutMs: number; maxFanoutMs: number; totalFanoutMs: number };

export type StreamRegistry = {
  add(scope: Scope, onlyBlockId: number | undefined, subscriber: Subscriber): () => void;
  /** Delivers the event to every subscriber whose key may see it; returns how many got it. */
  dispatch(event: StreamEvent): number;
  stats(): FanoutStats;
};

/** Two streams with the same key see exactly the same events (eventVisibleTo depends on nothing else). */
export function scopeKey(scope: Scope, onlyBlockId?: number): string {
  const only = onlyBlockId === undefined ? "" : `|only:${onlyBlockId}`;
  switch (scope.kind) {
    case "none":
      return "none";
    case "state":
      return `state:${scope.stateId}:${[...scope.districtIds].sort((a, b) => a - b).join(",")}${only}`;
    case "district":
      return `district:${scope.stateId}:${scope.districtId}${only}`;
    case "block":
      return `block:${scope.stateId}:${scope.districtId}:${scope.blockId}${only}`;
  }
}

type Group = { scope: Scope; onlyBlockId: number | undefined; subscribers: Set<Subscriber> };

export function createStreamRegistry(): StreamRegistry {
  const groups = new Map<string, Group>();
  let subscribers = 0;
  const totals = { events: 0, deliveries: 0, lastFanoutMs: 0, maxFanoutMs: 0, totalFanoutMs: 0 };

  return {
    add(scope, onlyBlockId, subscriber) {
      const key = scopeKey(scope, onlyBlockId);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { scope, onlyBlockId, subscribers: new Set() }));
      const before = group.subscribers.size;
      group.subscribers.add(subscriber);
      subscribers += group.subscribers.size - before;
      return () => {
        if (!group.subscribers.delete(subscriber)) return;
        subscribers--;
        if (group.subscribers.size === 0 && groups.get(key) === group) groups.delete(key);
      };
    },
    dispatch(event) {
      const started = performance.now();
      let delivered = 0;
      for (const group of groups.values()) {
        if (!eventVisibleTo(event, group.scope, group.onlyBlockId)) continue;
        for (const subscriber of group.subscribers) subscriber(event);
        delivered += group.subscribers.size;
      }
      const took = performance.now() - started;
      totals.events++;
      totals.deliveries += delivered;
      totals.lastFanoutMs = took;
      totals.maxFanoutMs = Math.max(totals.maxFanoutMs, took);
      totals.totalFanoutMs += took;
      return delivered;
    },
    stats: () => ({ keys: groups.size, subscribers, ...totals }),
  };
}
