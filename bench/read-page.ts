// CPU per record of readPage (bytes → canonical rows → staged rows + conformance observations) over a corpus of
// recorded simulator pages (bench/support/read-page-corpus.ts), in-process. CPU time (process.cpuUsage), not wall
// time, so another process on the same cores disturbs it less. The first round warms the JIT; the figure is the
// median of the later rounds.
//   node --import tsx bench/read-page.ts [corpus dir] [rounds]
// A profile: node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/read-page.ts
import { readPage } from '../pipelines/harvest/read-page.ts';
import { corpusDirFromArgs, loadPageCorpus } from './support/read-page-corpus.ts';

const pages = loadPageCorpus(corpusDirFromArgs());
const rounds = Number(process.argv[3] ?? 6);

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const perRecord: number[] = [];
for (let round = 0; round < rounds; round++) {
  let records = 0;
  const start = cpuMicros();
  for (const { task } of pages) records += readPage(task).count;
  const micros = (cpuMicros() - start) / records;
  perRecord.push(micros);
  process.stdout.write(`round ${round + 1}: ${records} records, ${micros.toFixed(2)} µs CPU per record\n`);
}
const later = perRecord.slice(1).sort((a, b) => a - b);
const median = later.length % 2 === 1 ? later[(later.length - 1) / 2]! : (later[later.length / 2 - 1]! + later[later.length / 2]!) / 2;
process.stdout.write(`median of rounds 2–${rounds}: ${median.toFixed(2)} µs CPU per record\n`);
