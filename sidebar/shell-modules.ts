import * as dom from './dom';
import * as format from './format';
import * as server from './server';
import * as teamRules from './team-rules';
import * as automation from './ui/automation';
import * as feedback from './ui/feedback';

/**
 * The shell's modules that the deferred views use too. The views' bundle takes each of them from
 * this object instead of carrying a copy (scripts/build.mjs reads the imports above and checks
 * that the object names each one), so there is one of each and one state: uid's counter, the
 * session's request IDs.
 */
export const SHELL_GLOBAL = 'PartnershipTrackerShell';

export function publishShellModules(): void {
  (window as unknown as Record<string, unknown>)[SHELL_GLOBAL] = { dom, format, server, teamRules, automation, feedback };
}
