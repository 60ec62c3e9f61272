/** One table of results: what `npm run bench` prints and writes to bench/results.md. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** One headline number for the summary table at the top of bench/results.md. */
export interface SummaryRow {
  metric: string;
  /** As measured, with its unit, e.g. `6.1 KB` or `212 ms`. */
  value: string;
  /** The goal it is measured against, when there is one, e.g. `≤ 10 KB`. */
  target?: string;
  /** Whether `value` meets `target`. */
  met?: boolean;
}

export interface BenchResult {
  /** The headline numbers, gathered by run.ts into one summary table. */
  summary: SummaryRow[];
  tables: BenchTable[];
  /** How to read the numbers, and the settings they were taken with. */
  notes: string[];
}

/** What every `bench/*.ts` file but run.ts exports as its default. */
export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchResult>;
}

export function markdownTable({ columns, rows }: BenchTable): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `0.123` → `0.12`; whole numbers stay whole. */
export const round = (value: number, digits = 2) => (Number.isInteger(value) ? value : Number(value.toFixed(digits)));
