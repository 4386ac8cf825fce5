/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * Parses the text format (version 0.0.4) strictly: a line that is not a HELP, a TYPE or a sample
 * of a declared family throws, naming the line.
 */
export function parsePrometheusText(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') return;
    if (line.startsWith('# HELP ')) return;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (!new RegExp(`^${NAME}$`).test(name) || !TYPES.has(type)) throw new Error(`bad TYPE at ${where}`);
      types.set(name, type);
      return;
    }
    if (line.startsWith('#')) return;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample at ${where}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const l = LABEL.exec(body);
      if (!l) throw new Error(`bad labels at ${where}`);
      labels[l[1]] = l[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const value = sampleValue(m[3]);
    if (value === null) throw new Error(`bad value at ${where}`);
    const family = m[1].replace(/_(bucket|sum|count|total|created)$/, '');
    if (!types.has(m[1]) && !types.has(family)) throw new Error(`sample without a TYPE at ${where}`);
    samples.push({ name: m[1], labels, value });
  });
  return { samples, types };
}

/** The value of the sample with this name and these labels (among others), or 0 when absent. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s?.value ?? 0;
}

/**
 * A sample's value as the format defines it (Go's ParseFloat): a number, or NaN and ±Inf in any
 * letter case (prom-client writes an empty event-loop summary as "Nan").
 */
function sampleValue(text: string): number | null {
  if (/^nan$/i.test(text)) return NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const n = Number(text);
  return Number.isNaN(n) || text.trim() === '' ? null : n;
}
