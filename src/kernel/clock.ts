/** The only source of "now" in the core. Production wires the system clock; tests and the console move it. */
export interface Clock {
  now(): Date;
}

/** A clock that only moves when told to: the console's simulated time and the tests' fake clock. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(instant: Date): void {
    this.#ms = instant.getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
