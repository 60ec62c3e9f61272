/**
 * No secret reaches the browser: builds the widget's browser bundle, ES modules and the classic
 * IIFE, into tmp/ (with the repo's vite.config.ts, like budgets.test.ts, so it runs before
 * `npm run build`) and scans every file of both (scripts, source maps with their sources, Vite's
 * manifest) for the credentials the project knows (the demo's and the emulator's defaults, the
 * demo site's signing secret, any secret set in this process's environment), for the names of the
 * companion's secret settings (which would mean server code was bundled), and for strings shaped
 * like credentials (see secret-scan.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildBrowserBundle } from '../../scripts/bundle-graph.js';
import { DEMO_SITE_SECRET } from '../../demo/demo-site.js';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import {
  type Allowance,
  allowancesUsed,
  CREDENTIAL_RULES,
  describeFinding,
  filesUnder,
  type KnownSecret,
  scanDirectory,
  scanText,
} from './secret-scan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Settings that hold credentials: their demo values, and their values here if set, must never ship. */
const CREDENTIAL_SETTINGS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_API_KEY',
  'TWILIO_API_SECRET',
  'TWILIO_AUTH_TOKEN',
  'BRIDGE_CHAT_SESSION_SECRET',
] as const;
/** Shorter values from the environment would match by chance; no real credential is this short. */
const MIN_ENV_SECRET_LENGTH = 8;

function knownSecrets(): KnownSecret[] {
  const demo: Record<string, string> = DEMO_DEFAULTS;
  const known: KnownSecret[] = [{ name: 'DEMO_SITE_SECRET (demo/demo-site.ts)', value: DEMO_SITE_SECRET }];
  for (const setting of CREDENTIAL_SETTINGS) {
    if (demo[setting]) known.push({ name: `${setting} (demo default)`, value: demo[setting] });
    // Several session secrets are comma-separated (rotation).
    for (const value of (process.env[setting] ?? '').split(',').map((part) => part.trim())) {
      if (value.length >= MIN_ENV_SECRET_LENGTH) known.push({ name: `${setting} (environment)`, value });
    }
  }
  // Their names alone: only the companion and the emulator read them, so seeing one means their code was bundled.
  for (const setting of CREDENTIAL_SETTINGS) known.push({ name: `setting name ${setting}`, value: setting });
  return known;
}

/** Matches that are not secrets, each with why; none needed so far. Every entry must still match something. */
const ALLOWED: readonly Allowance[] = [];

const hex32 = (seed: string) => seed.repeat(32).slice(0, 32);
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * One planted example per credential rule, assembled here so that this file holds none of
 * them whole (secret scanners of code hosts read test files too).
 */
const PLANTED: Record<string, string> = {
  'Twilio Account SID': `"accountSid":"${'AC'}${hex32('3fa9')}"`,
  'Twilio API key SID': `apiKey='${'SK'}${hex32('c0de')}'`,
  '32-hex secret next to secret/token/password': `const authToken = "${hex32('9b1e')}";`,
  'JSON Web Token': `Bearer ${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{"sub":"planted"}')}.c2lnbmF0dXJl`,
  'PEM block': `${'-----BEGIN'} PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----`,
  'secret API key (sk_live_ style)': `${'sk_'}live_${'Pl4nt3dK3yF0rTh1sT3st00'}`,
  'AWS access key ID': `${'AKIA'}${'IOSFODNN7PLANTED'.slice(0, 16)}`,
  'GitHub token': `${'ghp_'}${'a1B2c3D4e5'.repeat(4).slice(0, 36)}`,
  'Slack token': `${'xoxb'}-${'1234567890'}-planted`,
  'Google API key': `${'AIza'}${'Sy'}${'D1x2y3z4'.repeat(5).slice(0, 33)}`,
};

describe('no secrets in the browser build', () => {
  let dir: string;
  const builds = { es: '', iife: '' };
  const known = knownSecrets();

  before(async () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'secrets-'));
    for (const variant of ['es', 'iife'] as const) {
      builds[variant] = join(dir, variant);
      await buildBrowserBundle(builds[variant], variant);
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every kind of secret planted in a file, so a clean build means something', () => {
    assert.deepEqual(Object.keys(PLANTED).sort(), CREDENTIAL_RULES.map(({ kind }) => kind).sort(), 'one plant per rule');
    const planted = join(dir, 'planted');
    mkdirSync(join(planted, '.hidden'), { recursive: true });
    const apiKey = DEMO_DEFAULTS.TWILIO_API_KEY;
    const apiSecret = DEMO_DEFAULTS.TWILIO_API_SECRET;
    writeFileSync(join(planted, 'chunk.js'), Object.values(PLANTED).join(';\n'));
    // A Basic auth header: the secret only in base64, after the key.
    writeFileSync(join(planted, 'chunk.js.map'), JSON.stringify({ sourcesContent: [`Basic ${btoa(`${apiKey}:${apiSecret}`)}`] }));
    writeFileSync(join(planted, '.hidden', 'manifest.json'), JSON.stringify({ site: DEMO_SITE_SECRET, env: 'BRIDGE_CHAT_SESSION_SECRET' }));

    const findings = scanDirectory(planted, known);
    const kindsIn = (file: string) => new Set(findings.filter((finding) => finding.file === file).map(({ kind }) => kind));
    for (const kind of Object.keys(PLANTED)) assert.ok(kindsIn('chunk.js').has(kind), `the planted ${kind} was not found`);
    assert.ok(kindsIn('chunk.js.map').has('known secret TWILIO_API_SECRET (demo default)'), 'the base64 secret was not found');
    assert.ok(kindsIn('.hidden/manifest.json').has('known secret DEMO_SITE_SECRET (demo/demo-site.ts)'));
    assert.ok(kindsIn('.hidden/manifest.json').has('known secret setting name BRIDGE_CHAT_SESSION_SECRET'));
  });

  it('lets an allowed match through, and only that exact match', () => {
    const sid = PLANTED['Twilio Account SID']!.slice('"accountSid":"'.length, -1);
    const allowed: Allowance[] = [{ kind: 'Twilio Account SID', match: sid, reason: 'a test' }];
    assert.deepEqual(scanText('a.js', `x="${sid}"`, [], allowed), []);
    assert.deepEqual(allowancesUsed(`x="${sid}"`, allowed), allowed);
    const other = `AC${hex32('77')}`;
    assert.deepEqual(
      scanText('a.js', `x="${other}"`, [], allowed).map(({ kind }) => kind),
      ['Twilio Account SID'],
    );
  });

  it('reads every file of both builds: the scripts, their source maps, the manifest and the licences', () => {
    const es = filesUnder(builds.es);
    assert.ok(es.includes('bridge-chat.js'), es.join('\n'));
    assert.ok(es.includes('.vite/manifest.json'), 'the manifest is in a dot folder, and read');
    assert.ok(es.some((file) => /^chunks\/.+\.js$/.test(file)) && es.some((file) => /^chunks\/.+\.js\.map$/.test(file)));
    assert.deepEqual(filesUnder(builds.iife), ['THIRD-PARTY-LICENSES.txt', 'bridge-chat.iife.js', 'bridge-chat.iife.js.map']);
  });

  for (const variant of ['es', 'iife'] as const) {
    it(`finds no known secret and no credential-shaped string in the ${variant} build`, () => {
      const findings = scanDirectory(builds[variant], known, ALLOWED);
      assert.deepEqual(findings.map(describeFinding), [], `secrets in the ${variant} build`);
    });
  }

  it('needs every allowance it makes', () => {
    const texts = Object.values(builds).flatMap((build) => filesUnder(build).map((file) => readFileSync(join(build, file), 'utf8')));
    const used = new Set(texts.flatMap((text) => allowancesUsed(text, ALLOWED)));
    assert.deepEqual(
      ALLOWED.filter((allowance) => !used.has(allowance)).map(({ kind, match }) => `${kind}: ${match}`),
      [],
      'allowances that match nothing any more: remove them',
    );
  });
});
