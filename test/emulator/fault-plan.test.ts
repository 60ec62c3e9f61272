import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultPlan } from '../../src/emulator/faults/fault-plan.js';

describe('FaultPlan', () => {
  it('lets every request through with no delay by default', () => {
    assert.deepEqual(new FaultPlan().decide(), { delayMs: 0, fail: null });
  });

  it('fails exactly the next N requests, then none', () => {
    const plan = new FaultPlan();
    plan.update({ failNext: { remaining: 2, status: 503, retryAfterSeconds: 3 } });
    assert.deepEqual(plan.decide().fail, { status: 503, retryAfterSeconds: 3 });
    assert.deepEqual(plan.decide().fail, { status: 503, retryAfterSeconds: 3 });
    assert.equal(plan.decide().fail, null);
    assert.equal(plan.settings.failNext, null);
  });

  it('fails the given share of requests', () => {
    const draws = [0.05, 0.5, 0.09, 0.95];
    const plan = new FaultPlan(() => draws.shift()!);
    plan.update({ failShare: { ratio: 0.1, status: 429, retryAfterSeconds: 1 } });
    const failed = [1, 2, 3, 4].map(() => plan.decide().fail?.status ?? null);
    assert.deepEqual(failed, [429, null, 429, null]);
  });

  it('adds latency and forgets everything on reset', () => {
    const plan = new FaultPlan(() => 0);
    plan.update({ latencyMs: 250, failShare: { ratio: 1, status: 503, retryAfterSeconds: 1 } });
    assert.deepEqual(plan.decide(), { delayMs: 250, fail: { status: 503, retryAfterSeconds: 1 } });
    plan.reset();
    assert.deepEqual(plan.decide(), { delayMs: 0, fail: null });
  });
});
