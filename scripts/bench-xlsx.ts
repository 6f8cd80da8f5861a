/**
 * XLSX export cost: for every export table of the shipped record, and for a synthetic table of
 * 20 000 rows, the time to build the workbook and the longest stretch the event loop was held
 * (a 1 ms timer measures how late it fires; on a loaded machine that includes time the process
 * waited for a CPU, so compare it with the CPU time). Run: npx tsx scripts/bench-xlsx.ts
 */
import { buildExportTable, col, EXPORT_TABLES, type Table } from '../src/core/export/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
import { writeXlsx } from '../src/services/export/xlsx-writer.js';

async function measure(label: string, tables: Table[]): Promise<void> {
  let worst = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const buf = await writeXlsx(tables);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  clearInterval(probe);
  worst = Math.max(worst, performance.now() - last);
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  console.log(`${label.padEnd(24)} ${String(rows).padStart(6)} rows  ${ms.toFixed(0).padStart(6)} ms wall ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU  ${(buf.length / 1024).toFixed(0).padStart(6)} KiB  longest loop block ${worst.toFixed(1)} ms`);
}

const world = await loadWorld('data');
await writeXlsx([buildExportTable(world, 'spread-rounds')]); // warm-up: exceljs loads its templates on first use
for (const name of EXPORT_TABLES) await measure(name, [buildExportTable(world, name)]);
const synthetic: Table = {
  name: 'Syntetisk',
  columns: [col('code', 'Kod', 'code'), col('name', 'Namn'), col('n', 'Antal', 'integer'), col('x', 'Värde', 'decimal'), col('p', 'Andel', 'percent'), col('d', 'Start', 'date')],
  rows: Array.from({ length: 20_000 }, (_, i) => [String(i).padStart(4, '0'), `Organisation ${i} med ett längre namn`, i * 37, i / 7, (i % 100) / 100, '2019-02']),
};
await measure('synthetic 20 000 rows', [synthetic]);
