/**
 * Failures limited to one product: Orchestrator or Memory can go down alone
 * while chat keeps working, and an unscoped failure still hits everything.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { FaultPlan } from '../../src/emulator/faults/fault-plan.js';
import { faultScopeOfPath } from '../../src/emulator/faults/with-faults.js';
import { basicAuth, faultControl, restError, startEmulator, type StartedEmulator } from './support.js';

describe('FaultPlan scopes', () => {
  test('a scoped rule fails only its product; unscoped requests and other products pass', () => {
    const plan = new FaultPlan(() => 0);
    plan.updateScoped('memory', { failShare: { ratio: 1, status: 503, retryAfterSeconds: 0 } });
    assert.equal(plan.decide({ scope: 'memory' }).fail?.status, 503);
    assert.equal(plan.decide({ scope: 'orchestrator' }).fail, null);
    assert.equal(plan.decide({ scope: 'conversations' }).fail, null);
    assert.equal(plan.decide().fail, null);
  });

  test('scopes keep their own rules, and a countdown of one scope is used up by its requests only', () => {
    const plan = new FaultPlan(() => 0);
    plan.updateScoped('orchestrator', { failNext: { remaining: 2, status: 429, retryAfterSeconds: 0 } });
    plan.updateScoped('memory', { failShare: { ratio: 1, status: 503, retryAfterSeconds: 0 } });
    assert.equal(plan.decide({ scope: 'conversations' }).fail, null);
    assert.equal(plan.decide({ scope: 'orchestrator' }).fail?.status, 429);
    assert.equal(plan.decide({ scope: 'memory' }).fail?.status, 503);
    assert.equal(plan.decide({ scope: 'orchestrator' }).fail?.status, 429);
    assert.equal(plan.decide({ scope: 'orchestrator' }).fail, null, 'the countdown is used up');
    assert.deepEqual(Object.keys(plan.settings.scoped), ['memory'], 'a scope without rules is dropped');
    plan.updateScoped('memory', { failShare: null });
    assert.deepEqual(plan.settings.scoped, {});
  });

  test('an unscoped rule still hits every product', () => {
    const plan = new FaultPlan(() => 0);
    plan.update({ failShare: { ratio: 1, status: 429, retryAfterSeconds: 0 } });
    for (const scope of ['conversations', 'orchestrator', 'memory'] as const) {
      assert.equal(plan.decide({ scope }).fail?.status, 429, scope);
    }
  });

  test('counts each failure by status and by the request it hit, across resets', () => {
    const plan = new FaultPlan(() => 0);
    plan.update({ failNext: { remaining: 2, status: 503, retryAfterSeconds: 0 } });
    plan.decide({ scope: 'conversations', name: 'realtime sendMessage' });
    plan.decide({ scope: 'memory', name: 'rest memory' });
    plan.decide({ scope: 'memory', name: 'rest memory' });
    plan.recordDroppedSockets(3);
    plan.reset();
    assert.deepEqual(plan.injected, {
      failures: { 429: 0, 503: 2 },
      failedRequests: { 'realtime sendMessage': 1, 'rest memory': 1 },
      droppedSockets: 3,
    });
  });

  test('tells a REST path’s product by the routing rule', () => {
    assert.equal(faultScopeOfPath('/conversations/v1/Services/IS1/Conversations'), 'conversations');
    assert.equal(faultScopeOfPath('/conversations/v2/Conversations'), 'orchestrator');
    assert.equal(faultScopeOfPath('/conversations/v2/ControlPlane/Operations/x'), 'orchestrator');
    assert.equal(faultScopeOfPath('/memory/v1/Stores/x/Profiles'), 'memory');
    assert.equal(faultScopeOfPath('/mcs/v1/Services/IS1/Media'), 'conversations');
    assert.equal(faultScopeOfPath('/media/ME1/content'), 'conversations');
    assert.equal(faultScopeOfPath('/elsewhere'), undefined);
    assert.equal(faultScopeOfPath('/'), undefined);
  });
});

describe('fault-injection control API, scoped failures', () => {
  let started: StartedEmulator;
  let control: ReturnType<typeof faultControl>;

  before(async () => {
    started = await startEmulator({ faultInjection: true });
    control = faultControl(started.running.url);
  });
  afterEach(async () => {
    await control('', undefined, 'DELETE');
  });
  after(async () => {
    await started.running.close();
  });

  const listClassic = () => started.service.conversations.list({ limit: 1 });
  const listOrchestrator = () => started.twilioClient.conversations.v2.conversations.list({ limit: 1 });
  const listMemoryStores = () =>
    fetch(`${started.running.url}/memory/v1/ControlPlane/Stores`, { headers: { Authorization: basicAuth() } });

  test('Orchestrator down: its requests fail, classic chat and Memory keep working', async () => {
    assert.equal((await control('/fail', { ratio: 1, status: 503, scope: 'orchestrator' })).status, 200);
    assert.equal((await restError(listOrchestrator)).status, 503);
    assert.ok(Array.isArray(await listClassic()));
    assert.equal((await listMemoryStores()).status, 200);
  });

  test('Memory down alone, with Retry-After; Orchestrator and chat keep working', async () => {
    await control('/fail', { ratio: 1, status: 429, retryAfterSeconds: 4, scope: 'memory' });
    const refused = await listMemoryStores();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '4');
    assert.equal(((await refused.json()) as { code: number }).code, 20429);
    assert.ok(Array.isArray(await listOrchestrator()));
    assert.ok(Array.isArray(await listClassic()));
  });

  test('Orchestrator and Memory down together: one scope does not replace the other', async () => {
    await control('/fail', { ratio: 1, status: 503, scope: 'orchestrator' });
    await control('/fail', { ratio: 1, status: 503, scope: 'memory' });
    assert.equal((await restError(listOrchestrator)).status, 503);
    assert.equal((await listMemoryStores()).status, 503);
    assert.ok(Array.isArray(await listClassic()));

    const settings = (await (await control('')).json()) as { scoped: Record<string, unknown> };
    assert.deepEqual(Object.keys(settings.scoped).sort(), ['memory', 'orchestrator']);
    // A zero share clears that scope alone.
    await control('/fail', { ratio: 0, status: 503, scope: 'memory' });
    assert.equal((await listMemoryStores()).status, 200);
    assert.equal((await restError(listOrchestrator)).status, 503);
  });

  test('a scoped countdown fails the next N requests of that product only', async () => {
    await control('/fail', { count: 1, status: 503, scope: 'conversations' });
    assert.ok(Array.isArray(await listOrchestrator()), 'another product does not use it up');
    assert.equal((await restError(listClassic)).status, 503);
    assert.ok(Array.isArray(await listClassic()));
  });

  test('without a scope a failure still hits every product', async () => {
    await control('/fail', { ratio: 1, status: 503 });
    assert.equal((await restError(listClassic)).status, 503);
    assert.equal((await restError(listOrchestrator)).status, 503);
    assert.equal((await listMemoryStores()).status, 503);
  });

  test('reports what it injected, by status and by product, and keeps the count after DELETE', async () => {
    const before = (await (await control('')).json()) as { injected: { failures: Record<string, number> } };
    await control('/fail', { count: 2, status: 429, scope: 'memory' });
    await listMemoryStores();
    await listMemoryStores();
    await control('', undefined, 'DELETE');
    const after = (await (await control('')).json()) as {
      injected: { failures: Record<string, number>; failedRequests: Record<string, number> };
    };
    assert.equal(after.injected.failures['429']! - before.injected.failures['429']!, 2);
    assert.ok((after.injected.failedRequests['rest memory'] ?? 0) >= 2);
  });

  test('rejects an unknown scope with 400 and changes nothing', async () => {
    const refused = await control('/fail', { ratio: 1, status: 503, scope: 'voice' });
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: string }).error, /^scope: /);
    const both = await control('/fail', { count: 1, ratio: 1, status: 503 });
    assert.equal(both.status, 400);
    assert.match(((await both.json()) as { error: string }).error, /either count or ratio/);
    assert.ok(Array.isArray(await listClassic()));
    assert.ok(Array.isArray(await listOrchestrator()));
  });
});
