/**
 * Minimum-cost assignment on a rectangular cost matrix (rows ≤ columns) by the Hungarian method
 * with potentials, O(rows² · columns). Returns for each row its column. Deterministic.
 */
export function assignMinCost(cost: number[][], cols: number): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  if (rows > cols) throw new Error('assignMinCost: more rows than columns');
  const INF = Number.POSITIVE_INFINITY;
  const uPot = new Float64Array(rows + 1);
  const vPot = new Float64Array(cols + 1);
  const p = new Int32Array(cols + 1); // p[j] = row (1-based) matched to column j
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(INF);
    const usedCol = new Uint8Array(cols + 1);
    do {
      usedCol[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      const row = cost[i0 - 1]!;
      for (let j = 1; j <= cols; j++) {
        if (usedCol[j]) continue;
        const cur = row[j - 1]! - uPot[i0]! - vPot[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (usedCol[j]) {
          uPot[p[j]!]! += delta;
          vPot[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (p[j]! > 0) result[p[j]! - 1] = j - 1;
  return result;
}
