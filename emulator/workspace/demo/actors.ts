import type { Emulator } from '../../index';
import type { TriggerRun } from '../../services';

/**
 * The people of the demo at work, through the same doors the tests use: sidebar
 * endpoints (google.script.run) and menu items run as a person, typing and pasting
 * through the emulator's edit path (so the owner's edit trigger sees them), the
 * partner form submitted as a respondent, and the owner's time-driven trigger fired
 * as Google fires it. Anything the add-on refuses stops the generation with its
 * reason: the demo must be what the add-on made, not what it turned down.
 */

interface EndpointReply<T> {
  ok: boolean;
  data?: T;
  error?: { message: string; fieldErrors?: Record<string, string> };
}

export class DemoActors {
  constructor(readonly emu: Emulator) {}

  get owner(): string {
    return this.emu.ctx.options.ownerEmail;
  }

  /** A sidebar call as `user`; the add-on's refusal comes back as a message (null: done). */
  tryCall<T>(user: string, name: string, ...args: unknown[]): { data: T; refused: null } | { data: null; refused: string } {
    const reply = this.emu.run(name, args, { user, origin: `google.script.run:${name}` }) as EndpointReply<T>;
    if (reply.ok) return { data: reply.data as T, refused: null };
    const fields = Object.entries(reply.error?.fieldErrors ?? {}).map(([field, message]) => `${field}: ${message}`);
    return { data: null, refused: [reply.error?.message ?? 'refused without a reason', ...fields].join('; ') };
  }

  /** A sidebar call as `user` that must succeed. */
  call<T>(user: string, name: string, ...args: unknown[]): T {
    const result = this.tryCall<T>(user, name, ...args);
    if (result.refused !== null) throw new Error(`demo: ${name} as ${user} was refused at ${this.emu.clock.now().toISOString()}: ${result.refused}`);
    return result.data;
  }

  /** A menu item, as `user`. */
  menu(user: string, functionName: string): void {
    this.emu.run(functionName, [], { user, origin: `menu:${functionName}` });
  }

  /** `user` types or pastes `input` (one value, or a block of rows) at `a1`; Sheets must accept it and every trigger must succeed. */
  edit(user: string, a1: string, input: string | number | Array<Array<string | number>>): void {
    const outcome = this.emu.editAsUser(a1, input, user);
    if (!outcome.accepted) throw new Error(`demo: Sheets refused ${user}'s edit of ${a1}: ${outcome.reason ?? 'no reason'}`);
    for (const run of outcome.triggerRuns ?? []) {
      if (!run.ok) throw new Error(`demo: ${run.handler} failed on ${user}'s edit of ${a1}: ${run.error ?? 'no message'}`);
    }
  }

  /** A partner submits the partner form, signed in with `account` (their contact email); the submit trigger must run without failing. */
  submitForm(formId: string, answers: Record<string, string>, account: string): void {
    const result = this.emu.submitForm(formId, answers, { account });
    if (!result.accepted) throw new Error(`demo: the form refused a response: ${result.errors.map((e) => `${e.item}: ${e.reason}`).join('; ')}`);
    failedRuns('the form-submit trigger', result.runs);
  }

  /** The owner's time-driven trigger fires now, as Google fires it once an hour. */
  hourly(): void {
    const [trigger] = this.emu.services.triggers.list({ eventType: 'CLOCK' });
    if (!trigger) throw new Error('demo: the tracker has no time-driven trigger (setup did not install it)');
    failedRuns('the hourly run', this.emu.fireTimeTrigger(trigger.uid));
  }
}

function failedRuns(what: string, runs: TriggerRun[]): void {
  const failed = runs.find((run) => !run.ok);
  if (failed) throw new Error(`demo: ${what} (${failed.handler}) failed: ${failed.error ?? 'no message'}`);
}
