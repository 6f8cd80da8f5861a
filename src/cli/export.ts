/**
 * Export from the database the server uses (the same tables as GET /api/export/:table):
 *
 *   npx modellkommuner export TABLE [--programme ID] [--format csv|excel|xlsx] > file
 *   npx modellkommuner export --round ID > round.xlsx
 *   npx modellkommuner export --proposal ID > proposal.xlsx
 *
 * stdout carries only the file; errors go to stderr as one sentence (exit 1, or 2 for a wrong
 * command line or a database held by a running server).
 */
import { EXPORT_TABLES } from '../core/export/index.js';
import { withServices } from './open-world.js';
import { parseArgs, runCli, usageError, wrap } from './shared-output.js';

const USAGE = `Usage: npx modellkommuner export TABLE [--programme ID] [--format csv|excel|xlsx] > FILE
       npx modellkommuner export --round ID > round.xlsx
       npx modellkommuner export --proposal ID > proposal.xlsx

${wrap(`Tables: ${EXPORT_TABLES.join(', ')}`, 100, '        ')}

--format csv     RFC 4180 for programs: comma, decimal point, UTF-8, English headers (default)
--format excel   CSV for Excel with Swedish settings: semicolon, decimal comma, UTF-8 with BOM,
                 Swedish headers, codes such as 0114 kept as text
--format xlsx    an Excel workbook (binary: redirect it to a file)
--programme ID   only that programme's rounds (e.g. modellkommuner)
--bom            with --format csv: start with a byte-order mark`;

const FORMATS = ['csv', 'excel', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function writeBinary(body: Buffer): void {
  if (process.stdout.isTTY) throw usageError('An XLSX workbook is binary; redirect it to a file, e.g. > export.xlsx');
  process.stdout.write(body);
}

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const text = (k: string): string | undefined => {
    const v = flags.get(k);
    if (v === true) throw usageError(`--${k} needs a value`);
    return v;
  };
  const known = new Set(['programme', 'format', 'bom', 'round', 'proposal', 'help']);
  for (const k of flags.keys()) if (!known.has(k)) throw usageError(`Unknown option --${k}; see npx modellkommuner export --help`);
  const format = (text('format') ?? 'csv') as Format;
  if (!FORMATS.includes(format)) throw usageError(`--format must be one of ${FORMATS.join(', ')}`);
  const round = text('round');
  const proposal = text('proposal');
  const table = positional[0];
  if (!table && !round && !proposal) throw usageError(`Name a table (${EXPORT_TABLES.join(', ')}), or --round ID, or --proposal ID`);

  await withServices(async (services) => {
    const x = services.exports;
    if (round) return writeBinary((await x.roundXlsx(round)).body);
    if (proposal) return writeBinary((await x.proposalXlsx(proposal)).body);
    const programme = text('programme');
    if (format === 'xlsx') return writeBinary((await x.exportXlsx(table!, programme)).body);
    const { body } = await x.exportCsv(table!, programme, format === 'excel' ? 'excel' : 'rfc4180');
    process.stdout.write(format === 'csv' && flags.has('bom') ? `\uFEFF${body}` : body);
  });
}, USAGE);
