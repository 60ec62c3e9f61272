import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createEmulator } from '../../src/emulator/index.js';
import { SettingsError } from '../../src/emulator/options.js';
import { bridgeService, options, startEmulator, twilioClientFor, waitFor } from './support.js';

const folder = mkdtempSync(join(tmpdir(), 'bridge-chat-emulator-data-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('--data FILE', () => {
  test('keeps classic, Orchestrator and Memory state across a restart', async () => {
    const dataFile = join(folder, 'state.json');
    const first = await startEmulator({ dataFile, seed: true });
    await bridgeService(first.twilioClient);
    const conversation = await first.service.conversations.create({ uniqueName: 'kept', friendlyName: 'Kept' });
    await first.service.conversations(conversation.sid).participants.create({ identity: 'visitor-kept' });
    await first.service.conversations(conversation.sid).messages.create({ author: 'visitor-kept', body: 'Still here?' });
    const v2 = first.twilioClient.conversations.v2;
    const mirrored = await waitFor(async () => {
      const [found] = await v2.conversations.list({ channelId: conversation.sid });
      return found && (await v2.communications(found.id!).list()).length === 1 ? found : undefined;
    }, 'the mirrored message');
    const profiles = await first.twilioClient.memory.v1.profiles(options.memoryStoreId).page({ pageSize: 50 });
    await first.running.close();

    const second = await startEmulator({ dataFile, seed: true });
    try {
      const again = await second.service.conversations('kept').fetch();
      assert.equal(again.sid, conversation.sid);
      const messages = await second.service.conversations(conversation.sid).messages.list();
      assert.deepEqual(messages.map((message) => message.body), ['Still here?']);
      const next = await second.service.conversations(conversation.sid).messages.create({ author: 'agent', body: 'Yes.' });
      assert.equal(next.index, 1, 'message indices carry on');

      const v2Again = second.twilioClient.conversations.v2;
      const [restored] = await v2Again.conversations.list({ channelId: conversation.sid });
      assert.equal(restored?.id, mirrored.id);
      await waitFor(async () => ((await v2Again.communications(mirrored.id!).list()).length === 2 ? true : undefined), 'the bridge after restart');

      const profilesAgain = await second.twilioClient.memory.v1.profiles(options.memoryStoreId).page({ pageSize: 50 });
      assert.ok(profiles.instances.length > 0);
      assert.deepEqual([...profilesAgain.instances].sort(), [...profiles.instances].sort(), 'seeded once');
    } finally {
      await second.running.close();
    }
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { format: string; state: Record<string, unknown> };
    assert.equal(saved.format, 'bridge-chat-emulator');
    assert.deepEqual(Object.keys(saved.state).sort(), ['classic', 'memory', 'orchestrator']);
  });

  test('a broken data file stops start-up with one clear line and is left as it was', () => {
    const dataFile = join(folder, 'broken.json');
    writeFileSync(dataFile, '{"format":"bridge-chat-emulator","version":1,"state":{"classic":');
    assert.throws(
      () => createEmulator({ ...options, dataFile }),
      (error: Error) => error instanceof SettingsError && error.message.includes(dataFile) && !error.message.includes('\n'),
    );
    assert.equal(readFileSync(dataFile, 'utf8'), '{"format":"bridge-chat-emulator","version":1,"state":{"classic":');
  });

  test('changes reach the file while the emulator runs', async () => {
    const dataFile = join(folder, 'autosave.json');
    const started = await startEmulator({ dataFile });
    try {
      await started.service.conversations.create({ uniqueName: 'autosaved' });
      const saved = await waitFor(async () => {
        try {
          return readFileSync(dataFile, 'utf8').includes('autosaved') ? true : undefined;
        } catch {
          return undefined;
        }
      }, 'the autosave', 4000);
      assert.equal(saved, true);
    } finally {
      await started.running.close();
    }
    const restarted = await createEmulator({ ...options, dataFile }).listen({ port: 0 });
    try {
      const service = twilioClientFor(restarted.url).conversations.v1.services(options.serviceSid);
      assert.equal((await service.conversations('autosaved').fetch()).uniqueName, 'autosaved');
    } finally {
      await restarted.close();
    }
  });
});
