/** Reads the shipped data files from a directory and assembles the World. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { World } from '../../core/model.js';
import { assembleWorld, type DatasetFiles } from './assemble-world.js';

export async function readDatasetFiles(dataDir: string): Promise<DatasetFiles> {
  const read = (name: string) => readFile(path.join(dataDir, name), 'utf8');
  const neighbours = path.join(dataDir, 'county-neighbours.csv');
  return {
    municipalitiesCsv: await read('municipalities.csv'),
    municipalitiesExtraCsv: await read('municipalities_extra.csv'),
    countiesCsv: await read('counties.csv'),
    regionsCsv: await read('regions.csv'),
    countyNeighboursCsv: existsSync(neighbours) ? await readFile(neighbours, 'utf8') : null,
    historyJson: await read('history.json'),
    focusAreasJson: await read('focus-areas.json'),
  };
}

export async function loadWorld(dataDir: string, today: string = new Date().toISOString().slice(0, 10)): Promise<World> {
  return assembleWorld(await readDatasetFiles(dataDir), today);
}
