/**
 * The custom elements manifest lists <bridge-chat>'s whole public API. The test makes the manifest
 * itself, with the build's own config (so it runs before `npm run build`, with the other Node
 * suites), and checks that package.json points at the file the build writes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Member extends Named {
  kind: 'field' | 'method';
  privacy?: string;
}
interface Declaration extends Named {
  tagName?: string;
  customElement?: boolean;
  attributes?: (Named & { fieldName?: string })[];
  members?: Member[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

const ATTRIBUTES = [
  'session-url',
  'open',
  'mode',
  'position',
  'lang',
  'theme',
  'show-history',
  'show-memory',
  'prechat',
  'attachments',
  'accept',
  'max-file-size',
  'sound',
  'title-hint',
];
const PROPERTIES = ['getAuthHeaders', 'strings', 'identity', 'conversationSid', 'unreadCount', 'language', 'sessionUrl'];
const METHODS = ['show', 'hide', 'toggle', 'send', 'endChat', 'reset'];
const EVENTS = [
  'bridge-chat-ready',
  'bridge-chat-open',
  'bridge-chat-close',
  'bridge-chat-message',
  'bridge-chat-sent',
  'bridge-chat-unread',
  'bridge-chat-connection',
  'bridge-chat-context',
  'bridge-chat-error',
];
const SLOTS = ['launcher-icon', 'header', 'greeting', 'footer'];
const PARTS = ['launcher', 'unread-badge', 'panel', 'header', 'messages', 'message', 'composer', 'input', 'send', 'footer'];
const CSS_PROPERTIES = ['--bridge-chat-accent', '--bridge-chat-accent-contrast', '--bridge-chat-font-family', '--bridge-chat-radius'];

describe('custom-elements.json', () => {
  let outdir: string;
  let manifest: Manifest;
  let element: Declaration;

  before(() => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    outdir = mkdtempSync(join(root, 'tmp', 'manifest-'));
    const cem = join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
    // The analyzer resolves --outdir against the working directory, absolute or not.
    execFileSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir)], {
      cwd: root,
      stdio: 'pipe',
    });
    manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as Manifest;
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement);
    assert.deepEqual(
      elements.map((d) => d.tagName),
      ['bridge-chat'],
      'the manifest describes <bridge-chat> and no internal element',
    );
    element = elements[0]!;
  });

  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('is what package.json points at, written where the build writes it, and shipped', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      customElements: string;
      files: string[];
      exports: Record<string, unknown>;
      scripts: Record<string, string>;
    };
    const config = ((await import(join(root, 'custom-elements-manifest.config.mjs'))) as { default: { outdir: string; packagejson: boolean } }).default;
    assert.equal(pkg.customElements, `${config.outdir}/custom-elements.json`);
    assert.equal(config.packagejson, false, 'the analyzer must not rewrite package.json');
    assert.ok(pkg.files.includes(config.outdir), `"files" ships ${config.outdir}/`);
    assert.equal(pkg.exports['./custom-elements.json'], `./${pkg.customElements}`);
    assert.match(pkg.scripts['build']!, /cem analyze --config custom-elements-manifest\.config\.mjs/);
  });

  it('defines the tag, in modules the package ships', () => {
    const definitions = manifest.modules.flatMap((module) => module.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(definitions.map((d) => d.name), ['bridge-chat']);
    for (const { path } of manifest.modules) {
      assert.match(path, /^dist\/widget\/.+\.js$/);
      // tsc emits dist/widget/….js from src/widget/….ts.
      assert.ok(existsSync(join(root, path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))), `${path} is built from a source file`);
    }
  });

  it('lists every public attribute, with its property and a description', () => {
    const attributes = new Map((element.attributes ?? []).map((attribute) => [attribute.name, attribute]));
    for (const name of ATTRIBUTES) {
      const attribute = attributes.get(name);
      assert.ok(attribute, `attribute ${name}`);
      assert.ok(attribute.description, `attribute ${name} is described`);
    }
    assert.equal(attributes.get('session-url')?.fieldName, 'sessionUrl');
    assert.equal(attributes.get('mode')?.type?.text, "'floating' | 'inline'");
  });

  it('lists the public properties and methods, and nothing private', () => {
    const members = new Map((element.members ?? []).map((member) => [member.name, member]));
    for (const name of PROPERTIES) assert.equal(members.get(name)?.kind, 'field', `property ${name}`);
    for (const name of METHODS) {
      assert.equal(members.get(name)?.kind, 'method', `method ${name}`);
      assert.ok(members.get(name)?.description, `method ${name} is described`);
    }
    assert.deepEqual(
      [...members.values()].filter((member) => member.privacy === 'private' || member.name === 'panelShown').map((m) => m.name),
      [],
    );
  });

  it('lists every event with its typed detail', () => {
    const events = new Map((element.events ?? []).map((event) => [event.name, event]));
    assert.deepEqual([...events.keys()].sort(), [...EVENTS].sort());
    for (const name of EVENTS) {
      assert.match(events.get(name)?.type?.text ?? '', /^CustomEvent<BridgeChat\w+Detail>$/, `event ${name} has a typed detail`);
      assert.ok(events.get(name)?.description, `event ${name} is described`);
    }
  });

  it('lists the slots, CSS parts and CSS custom properties', () => {
    assert.deepEqual((element.slots ?? []).map((slot) => slot.name).sort(), [...SLOTS].sort());
    const parts = (element.cssParts ?? []).map((part) => part.name);
    for (const name of PARTS) assert.ok(parts.includes(name), `part ${name}`);
    const properties = (element.cssProperties ?? []).map((property) => property.name);
    for (const name of CSS_PROPERTIES) assert.ok(properties.includes(name), `CSS property ${name}`);
  });
});
