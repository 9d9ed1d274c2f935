/**
 * Plans and runs syncs: {@link dev.driftless.engine.sync.Planner} turns a diff into a
 * {@link dev.driftless.engine.sync.SyncPlan}, {@link dev.driftless.engine.sync.SyncExecutor} runs it.
 *
 * <h2>Hooks and waves, after Argo CD</h2>
 * <ul>
 *   <li>A desired object annotated {@code driftless.dev/hook} (comma-separated {@code PreSync}, {@code Sync},
 *   {@code PostSync}, {@code SyncFail}) is a {@link dev.driftless.engine.sync.Hook}, not a resource: callers read live
 *   state and diff {@link dev.driftless.engine.sync.Hook#withoutHooks} only, and give the planner every desired
 *   object. Hook instances carry the tracking annotation but not the application label, so they are never listed as
 *   the application's objects, never extraneous and never pruned; only this application may delete them.</li>
 *   <li>Order: destination namespace, PreSync hooks, then namespaces, CRDs and each sync wave with the Sync hooks of
 *   that wave, prunes, PostSync hooks once every applied object is healthy; SyncFail hooks when anything failed.
 *   Each sync wave waits for the previous one to be Healthy or Suspended, and each wave of hooks for its hooks to
 *   complete, for at most {@link dev.driftless.engine.sync.SyncOptions#waitTimeout()} per wait. Unlike Argo CD there is
 *   no wait between the namespace, CRD and resource phases, so a CRD that the cluster is slow to establish does not
 *   fail the sync; only PostSync hooks wait for CRDs.</li>
 *   <li>Delete policies: {@code BeforeHookCreation} (the default; meaningful for fixed names only, as in Argo CD),
 *   {@code HookSucceeded}, {@code HookFailed}. {@code metadata.generateName} gives each run a new name, chosen here
 *   (five characters of Kubernetes' alphabet) so the name is known before the create.</li>
 *   <li>Hook runs are reported in the same result list as objects, with the {@code HOOK_*}
 *   {@link dev.driftless.engine.sync.SyncAction actions} under the instance's key, so the command line and the
 *   history show them without a second list. An object that did not become healthy in time gets a second result,
 *   {@link dev.driftless.engine.sync.SyncAction#FAILED}, naming it and its health.</li>
 * </ul>
 */
package dev.driftless.engine.sync;
