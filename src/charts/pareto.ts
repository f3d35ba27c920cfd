/**
 * The points no other point dominates, where b dominates a when b has at least a's
 * y at no more than a's x, and is better in one: more params for less cost. In x
 * order. One sweep: sort by x (ties: larger y first), keep a point when its y beats
 * every cheaper point's, and keep exact twins of a kept point.
 */
export function nonDominated<T>(items: readonly T[], x: (item: T) => number, y: (item: T) => number): T[] {
  const sorted = [...items].sort((a, b) => x(a) - x(b) || y(b) - y(a));
  const front: T[] = [];
  let bestY = -Infinity;
  let last: T | undefined;
  for (const item of sorted) {
    const twin = last !== undefined && x(last) === x(item) && y(last) === y(item);
    if (y(item) > bestY || twin) {
      front.push(item);
      last = item;
    }
    bestY = Math.max(bestY, y(item));
  }
  return front;
}
