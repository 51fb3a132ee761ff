/** The emulator's public surface for tests, the benchmark and the local workspace. */
export { Emulator } from './emulator';
export type { SavedWorkspace, WorkbookSheetView, StructureOutcome, ChangeType } from './emulator';
export type { EditOutcome } from './edit-events';
export type { EmulatorOptions, EmulatorOverrides } from './core/context';
export type { Person, PersonKind, IdentityOptions } from './core/people';
export type { AuthModeName } from './core/execution';
export { CallCounter } from './core/calls';
export { NODE_ONLY_GLOBALS, createBundleContext } from './script-host';
export type { ConcurrentCall, ConcurrentOptions, ConcurrentResult, ConcurrentEvent } from './concurrency';
export type { EmulatorSnapshot } from './core/snapshot';
export type { FaultSpec, PendingFault, FiredFault } from './core/faults';
export { boundSheetName } from './core/faults';
export type { DriveFileListing } from './services/drive';
