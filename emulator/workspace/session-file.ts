import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Emulator, SavedWorkspace } from '../index';
import { savedClockState } from './clock-control';
import { messageOf } from './session-views';

/** The workspace's state file (session.ts): the emulator's saved workspace plus who sits at the keyboard. */

/** What the workspace saves beside the emulator's own state (Emulator.fromJSON ignores it). */
interface SavedSession {
  /** The id of the person the workspace acts as. */
  person?: unknown;
  /** The emulator's clock (Clock.save(): pinned, or running with an offset), so an advanced clock stays advanced. */
  clock?: unknown;
}

type SavedFile = SavedWorkspace & { workspace?: SavedSession };

/**
 * The saved workspace in `stateFile` (unless `reset` or there is none: a fresh emulator, from
 * `makeFresh` when given — the demo programme — or a blank spreadsheet), with the person it was saved as.
 */
export function openSavedWorkspace(stateFile: string, buildDir: string, reset: boolean, makeFresh?: () => Emulator): { emulator: Emulator; fresh: boolean; savedPerson: unknown } {
  let emulator: Emulator;
  let fresh = false;
  let savedPerson: unknown;
  if (!reset && existsSync(stateFile)) {
    try {
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as SavedFile;
      // The owner's account is a Workspace one (quotas, and what Google reveals to the team).
      emulator = Emulator.fromJSON(saved, { buildDir, accountType: 'workspace' });
      savedPerson = saved.workspace?.person;
      const clock = savedClockState(saved.workspace?.clock);
      if (clock) emulator.clock.load(clock);
    } catch (e) {
      const error: Error & { cause?: unknown } = new Error(`Could not read the saved workspace ${stateFile}: ${messageOf(e)}\nStart fresh with \`npm start -- --reset\`.`);
      error.cause = e;
      throw error;
    }
  } else {
    emulator = makeFresh ? makeFresh() : new Emulator({ buildDir, accountType: 'workspace' });
    fresh = true;
  }
  return { emulator, fresh, savedPerson };
}

/** The text last written to each state file: a save that would write the same text again writes nothing. */
const lastWritten = new Map<string, string>();

/**
 * Writes the whole workspace atomically (a Ctrl-C mid-write never leaves half a file). Most
 * calls the sidebar makes only read: their save finds the same text (a pinned clock keeps
 * savedAt) and skips the write of several megabytes.
 */
export function writeWorkspaceFile(file: string, emulator: Emulator, person: string): void {
  // Exactly JSON.stringify({ ...emulator.toJSON(), workspace }) (a SavedFile), written the faster way.
  const workspace: SavedSession = { person: person, clock: emulator.clock.save() };
  const json = `${emulator.toJSONText().slice(0, -1)},"workspace":${JSON.stringify(workspace)}}`;
  if (lastWritten.get(file) === json && existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, json);
  renameSync(temporary, file);
  lastWritten.set(file, json);
}
