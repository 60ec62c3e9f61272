import type { Hono } from 'hono';
import { ClassicBridge, type BridgeSnapshot } from '../bridge/classic-bridge.js';
import type { ConversationStore } from '../classic/store.js';
import type { ProfileDirectory } from '../memory/profile-directory.js';
import { OperationRunner } from './operations.js';
import { conversationsV2Routes } from './routes.js';
import { OrchestratorStore, type OrchestratorStoreSnapshot } from './store.js';

export interface OrchestratorOptions {
  accountSid: string;
  /** The classic service (IS…) a configuration may bridge. */
  serviceSid: string;
  /** The Memory store (mem_store_…) a configuration may use. */
  memoryStoreId: string;
  /** The classic state the bridge mirrors. */
  classic: ConversationStore;
  /** How long the bridge takes to mirror a classic change. */
  bridgeDelayMs: number;
  /** How long each step of a ControlPlane operation (PENDING → RUNNING → done) takes. */
  operationStepMs: number;
  /** Resolves customers' Memory profiles for the bridge. */
  profiles?: ProfileDirectory;
}

/** JSON-safe state of the whole Orchestrator emulation. */
export interface OrchestratorSnapshot {
  store: OrchestratorStoreSnapshot;
  bridge: BridgeSnapshot;
}

/**
 * The emulated Conversation Orchestrator: its state, the runner of its
 * long-running operations and the bridge from the classic service, wired
 * together, with the v2 REST routes over them.
 */
export class Orchestrator {
  readonly store: OrchestratorStore;
  readonly operations: OperationRunner;
  readonly bridge: ClassicBridge;
  readonly #accountSid: string;

  constructor(options: OrchestratorOptions) {
    this.#accountSid = options.accountSid;
    this.store = new OrchestratorStore({ memoryStoreId: options.memoryStoreId, serviceSid: options.serviceSid });
    this.operations = new OperationRunner(this.store, options.operationStepMs);
    this.bridge = new ClassicBridge({
      classic: options.classic,
      orchestrator: this.store,
      serviceSid: options.serviceSid,
      delayMs: options.bridgeDelayMs,
      ...(options.profiles ? { profiles: options.profiles } : {}),
    });
  }

  /** `/v2/...`, to mount at `/conversations/v2`. */
  routes(): Hono {
    return conversationsV2Routes(this.store, this.operations, { accountSid: this.#accountSid });
  }

  toSnapshot(): OrchestratorSnapshot {
    return { store: this.store.toSnapshot(), bridge: this.bridge.toSnapshot() };
  }

  /**
   * Replaces the state (restore the classic store first). Unfinished
   * operations carry on from their saved status, and the bridge resyncs
   * whatever the snapshot had not mirrored yet.
   */
  restore(snapshot: OrchestratorSnapshot): void {
    this.store.restore(snapshot.store);
    this.operations.resumeUnfinished();
    this.bridge.restore(snapshot.bridge);
  }

  /** Stops every timer (operations, bridge). */
  dispose(): void {
    this.operations.dispose();
    this.bridge.dispose();
  }
}
