/** One table of results: what `npm run bench` prints and writes to bench/results.md. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface BenchResult {
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
