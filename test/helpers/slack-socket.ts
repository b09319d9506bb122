import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FakeSlack } from './slack-fake.js';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Slack's Socket Mode side on the fake: apps.connections.open hands out a ws:// URL on the fake's
 * own port; on connect the fake says hello, then pushes envelopes and records the app's acks.
 * A minimal RFC 6455 server (text frames, ping, close) so the test needs no WebSocket package.
 */
export class FakeSocketMode {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  #socket: Duplex | null = null;
  #seq = 0;

  constructor(fake: FakeSlack) {
    fake.server.on('upgrade', (req, socket: Duplex) => {
      const key = req.headers['sec-websocket-key'];
      if (req.url !== '/socket' || typeof key !== 'string') return socket.destroy();
      const accept = createHash('sha1')
        .update(key + WS_GUID)
        .digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ` +
          `${accept}\r\n\r\n`,
      );
      this.#socket = socket;
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
          buffered = buffered.subarray(frame.length);
          if (frame.opcode === 0x1)
            this.acks.push(JSON.parse(frame.payload.toString('utf8')) as { envelope_id: string });
          else if (frame.opcode === 0x9) socket.write(encodeFrame(0xa, frame.payload));
          else if (frame.opcode === 0x8) socket.end(encodeFrame(0x8, Buffer.alloc(0)));
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.#socket === socket) this.#socket = null;
      });
      this.#send({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      });
    });
    fake.on('apps.connections.open', () => ({ body: { ok: true, url: `${fake.url.replace('http', 'ws')}/socket` } }));
  }

  /** Pushes one envelope to the app; returns its envelope id. */
  push(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown): string {
    const envelope_id = `env-${++this.#seq}`;
    this.#send({
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    });
    return envelope_id;
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = null;
  }

  #send(message: unknown): void {
    if (!this.#socket) throw new Error('no Socket Mode connection');
    this.#socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(message), 'utf8')));
  }
}

/** A server frame: final, unmasked. */
function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** One complete client frame (masked, as clients must send) from the front of `buf`, or null. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buf.length < 2) return null;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLen = masked ? 4 : 0;
  if (buf.length < offset + maskLen + len) return null;
  const mask = buf.subarray(offset, offset + maskLen);
  const payload = Buffer.from(buf.subarray(offset + maskLen, offset + maskLen + len));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
  return { opcode, payload, length: offset + maskLen + len };
}
