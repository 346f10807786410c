/**
 * QuickXplain (Junker, AAAI 2004): a subset-minimal conflict among `items`,
 * preferring items that come first. Deterministic: the answer depends only on
 * the order and on what `consistent` says, never on solver state, so the
 * browser and the server show the same reason for the same configuration.
 * Needs O(k·log(n/k)) consistency checks for a conflict of size k among n.
 *
 * `consistent(subset)` must include the caller's fixed background. Returns
 * null when all items together are consistent, [] when the background alone
 * is inconsistent.
 */
export function quickXplain<T>(items: readonly T[], consistent: (subset: readonly T[]) => boolean): T[] | null {
  if (consistent(items)) return null;
  if (items.length === 0 || !consistent([])) return [];
  const qx = (background: readonly T[], changed: boolean, candidates: readonly T[]): T[] => {
    if (changed && !consistent(background)) return [];
    if (candidates.length === 1) return [...candidates];
    const k = candidates.length >> 1;
    const first = candidates.slice(0, k);
    const second = candidates.slice(k);
    const d2 = qx([...background, ...first], first.length > 0, second);
    const d1 = qx([...background, ...d2], d2.length > 0, first);
    return [...d1, ...d2];
  };
  return qx([], false, items);
}
