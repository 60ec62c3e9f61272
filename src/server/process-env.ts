import { existsSync } from 'node:fs';
import { type CompanionOptions, companionOptionsFromEnv } from './settings.js';

/**
 * The companion's options from `process.env`, after loading `.env` from the
 * current folder when there is one (variables already set win over the file).
 */
export function optionsFromProcessEnv(): CompanionOptions {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return companionOptionsFromEnv(process.env);
}
