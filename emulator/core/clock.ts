/**
 * The emulator's notion of "now". Real time by default; tests may pin or advance
 * it to reach holding periods, cache expiry or a trigger's hour without waiting.
 */
export class Clock {
  private offsetMs = 0;
  private pinnedMs: number | null = null;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.pinnedMs ?? Date.now() + this.offsetMs;
  }

  /** Pins the clock to `date`: it then moves only when advanced. */
  set(date: Date | string): void {
    this.pinnedMs = new Date(date).getTime();
  }

  advance(ms: number): void {
    if (this.pinnedMs !== null) this.pinnedMs += ms;
    else this.offsetMs += ms;
  }

  /** Its whole state (pinned or running with an offset), for an emulator snapshot. */
  save(): { pinnedMs: number | null; offsetMs: number } {
    return { pinnedMs: this.pinnedMs, offsetMs: this.offsetMs };
  }

  load(state: { pinnedMs: number | null; offsetMs: number }): void {
    this.pinnedMs = state.pinnedMs;
    this.offsetMs = state.offsetMs;
  }

  /** Back to real time. */
  unpin(): void {
    this.pinnedMs = null;
    this.offsetMs = 0;
  }
}
