// Prints the Friday replay's timeline (deploy/local/fleet.sh friday) from its events file: one line per event,
// "epoch-ms TAB source TAB text", written as things happened by fleet.sh, by the webhook receiver, and (copied
// with the time they carry) from the routing audit, the access logs and Alertmanager. Sorted by time; each
// line shows seconds since the first event and the UTC wall-clock time.
//
//   node timeline.mjs EVENTS_FILE
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('timeline: usage: node timeline.mjs EVENTS_FILE');
  process.exit(4);
}
const events = readFileSync(file, 'utf8').split('\n').filter(l => l.trim()).map((line, order) => {
  const [ms, source, ...text] = line.split('\t');
  return { ms: Number(ms), source, text: text.join(' '), order };
}).filter(e => Number.isFinite(e.ms));
// equal times keep the order they were written in
events.sort((a, b) => a.ms - b.ms || a.order - b.order);
if (events.length === 0) {
  console.log('(no events)');
  process.exit(0);
}
const t0 = events[0].ms;
const width = Math.max(...events.map(e => e.source.length));
for (const e of events) {
  const since = ((e.ms - t0) / 1000).toFixed(1).padStart(6);
  const clock = new Date(e.ms).toISOString().slice(11, 23);
  console.log(`+${since} s  ${clock}  ${e.source.padEnd(width)}  ${e.text}`);
}
