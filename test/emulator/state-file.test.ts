import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SettingsError } from '../../src/emulator/options.js';
import { StateFile } from '../../src/emulator/persistence.js';

const folder = mkdtempSync(join(tmpdir(), 'bridge-chat-state-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('StateFile', () => {
  it('reads nothing before the first save, then what was saved', () => {
    let state = { conversations: ['CH1'] };
    const path = join(folder, 'round-trip.json');
    const file = new StateFile(path, () => state);
    assert.equal(file.read(), undefined);
    file.save();
    state = { conversations: ['CH1', 'CH2'] };
    file.save(true);
    assert.deepEqual(new StateFile(path, () => ({})).read(), { conversations: ['CH1', 'CH2'] });
  });

  it('refuses a file that is not JSON, and leaves it untouched', () => {
    const path = join(folder, 'broken.json');
    writeFileSync(path, '{"format": "bridge-chat-emulator", "state": {');
    assert.throws(() => new StateFile(path, () => ({})).read(), (error: Error) => {
      return error instanceof SettingsError && error.message.includes(path) && !error.message.includes('\n');
    });
    assert.equal(readFileSync(path, 'utf8'), '{"format": "bridge-chat-emulator", "state": {');
  });

  it('refuses JSON that is not an emulator state file', () => {
    const path = join(folder, 'other.json');
    writeFileSync(path, JSON.stringify({ name: 'some other app' }));
    assert.throws(() => new StateFile(path, () => ({})).read(), /not a bridge-chat emulator state file/);
  });
});
