import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Starts an example when it is run as a script (`npx tsx demo/mounting/…`), not when a test imports it. */
export function runWhenStarted(moduleUrl: string, buildServer: () => Server): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const port = Number(process.env.PORT ?? 3000);
  buildServer().listen(port, '127.0.0.1', () => console.log(`Site on http://127.0.0.1:${port}, companion under /chat`));
}
