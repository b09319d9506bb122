export const CHANNELS = ['C1', 'C2', 'C3'] as const;
const PEOPLE = ['UBOB', 'UCAROL', 'UDAVE', 'UERIN', 'UFRANK'] as const;

/** One command with its delivery id, sent again until it is answered (a 200), as Slack does with events. */
export interface Command {
  eventId: string;
  channel: string;
  user: string;
  text: string;
}

/**
 * What people type during the soak, in order: each channel set up first, then escalations of every
 * priority (so that ladders of re-notifications run), acknowledgements and resolutions of some,
 * and handoff notes. Deterministic for a seed.
 */
export function* commands(seed: number): Generator<Command> {
  let s = seed >>> 0 || 1;
  const random = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  let id = 0;
  const cmd = (channel: string, user: string, text: string): Command => ({
    eventId: `EvSoak${++id}`,
    channel,
    user,
    text,
  });
  for (const c of CHANNELS)
    yield cmd(c, 'UALICE', 'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@noc');
  const opened = new Map<string, number>(CHANNELS.map((c) => [c, 0]));
  for (let n = 0; ; n++) {
    const channel = CHANNELS[n % CHANNELS.length]!;
    const user = PEOPLE[Math.floor(random() * PEOPLE.length)]!;
    const seq = opened.get(channel)!;
    const r = random();
    if (r < 0.4 || seq === 0) {
      const p = 1 + Math.floor(random() * 4);
      opened.set(channel, seq + 1);
      yield cmd(channel, user, `escalate soak ${channel} #${seq + 1}: switch ${n} down p${p}`);
    } else if (r < 0.6) yield cmd(channel, user, `ack ESC-${1 + Math.floor(random() * seq)}`);
    else if (r < 0.8) yield cmd(channel, user, `resolve ESC-${1 + Math.floor(random() * seq)} fixed in round ${n}`);
    else yield cmd(channel, user, `handoff note --overnight soak note ${n}`);
  }
}

/** Sends one command to the soak process at `port`; true when it was run and committed (200). */
export async function deliver(port: number, c: Command): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
