/**
 * Derives which counties border each other from the municipality boundaries in
 * data/municipalities.geojson and writes data/county-neighbours.csv (county_a,county_b, a<b).
 *
 * Two counties are neighbours when some municipality of one has a boundary vertex within
 * TOLERANCE_M metres of a boundary segment of a municipality of the other. The tolerance absorbs
 * the simplification of the shipped geometry (mapshaper, 2 %), whose shared borders do not always
 * keep identical vertices. Gotland touches no other county and so has no neighbours.
 *
 * Usage: npx tsx scripts/derive-neighbours.ts [dataDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOLERANCE_M = 50;
const dataDir = process.argv[2] ?? 'data';

type Ring = [number, number][];
interface Feature {
  properties: { code: string; county_code: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const geo = JSON.parse(readFileSync(join(dataDir, 'municipalities.geojson'), 'utf8')) as { features: Feature[] };

// Local equirectangular projection in metres around Sweden's middle latitude is accurate enough
// for a 50 m test (the error of cos(lat) over a few hundred metres is negligible).
const R = 6_371_000;
const toXY = ([lon, lat]: [number, number]): [number, number] => [
  ((lon * Math.PI) / 180) * R * Math.cos((lat * Math.PI) / 180),
  ((lat * Math.PI) / 180) * R,
];

interface Seg {
  county: string;
  ax: number;
  ay: number;
  bx: number;
  by: number;
}
const segs: Seg[] = [];
const verts: { county: string; x: number; y: number }[] = [];
for (const f of geo.features) {
  const county = f.properties.county_code;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys)
    for (const ring of poly) {
      const pts = ring.map(toXY);
      for (let i = 0; i < pts.length; i++) {
        const [x, y] = pts[i]!;
        verts.push({ county, x, y });
        if (i + 1 < pts.length) {
          const [bx, by] = pts[i + 1]!;
          segs.push({ county, ax: x, ay: y, bx, by });
        }
      }
    }
}

// Grid of segments by cell so each vertex is tested only against nearby segments.
const CELL = 2000;
const grid = new Map<string, Seg[]>();
for (const s of segs) {
  const x0 = Math.floor((Math.min(s.ax, s.bx) - TOLERANCE_M) / CELL);
  const x1 = Math.floor((Math.max(s.ax, s.bx) + TOLERANCE_M) / CELL);
  const y0 = Math.floor((Math.min(s.ay, s.by) - TOLERANCE_M) / CELL);
  const y1 = Math.floor((Math.max(s.ay, s.by) + TOLERANCE_M) / CELL);
  for (let gx = x0; gx <= x1; gx++)
    for (let gy = y0; gy <= y1; gy++) {
      const k = `${gx},${gy}`;
      const list = grid.get(k);
      if (list) list.push(s);
      else grid.set(k, [s]);
    }
}

const distToSeg = (px: number, py: number, s: Seg): number => {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.ax) * dx + (py - s.ay) * dy) / len2));
  return Math.hypot(px - (s.ax + t * dx), py - (s.ay + t * dy));
};

const pairs = new Set<string>();
for (const v of verts) {
  const cell = grid.get(`${Math.floor(v.x / CELL)},${Math.floor(v.y / CELL)}`);
  if (!cell) continue;
  for (const s of cell) {
    if (s.county === v.county) continue;
    const key = v.county < s.county ? `${v.county},${s.county}` : `${s.county},${v.county}`;
    if (pairs.has(key)) continue;
    if (distToSeg(v.x, v.y, s) <= TOLERANCE_M) pairs.add(key);
  }
}

const rows = [...pairs].sort();
writeFileSync(join(dataDir, 'county-neighbours.csv'), ['county_a,county_b', ...rows].join('\n') + '\n');
console.log(`wrote ${rows.length} county pairs to ${join(dataDir, 'county-neighbours.csv')}`);
