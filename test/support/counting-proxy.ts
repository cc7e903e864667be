import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real PostgreSQL server that records what each client connection
 * sends: the startup parameters (user, database, application_name) and every statement (simple
 * Query and extended-protocol Parse messages). The oracle for "production is read once": a test
 * points squashbase at the proxy as if it were live and counts. Bytes are forwarded unchanged;
 * a connection that switches to TLS or GSS encryption is counted but not parsed.
 */
export interface ProxiedConnection {
  applicationName: string;
  user: string;
  database: string;
  statements: string[];
  encrypted: boolean;
}

export interface CountingProxy {
  port: number;
  connections: ProxiedConnection[];
  /** Forget what was recorded so far (connections already open keep recording into the old list). */
  reset(): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export async function startCountingProxy(upstream: { host: string; port: number }): Promise<CountingProxy> {
  let connections: ProxiedConnection[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const record: ProxiedConnection = { applicationName: '', user: '', database: '', statements: [], encrypted: false };
    const list = connections;
    let listed = false;
    const backend = connect(upstream.port, upstream.host);
    sockets.add(client);
    sockets.add(backend);
    let buffer = Buffer.alloc(0);
    let startupDone = false;
    let awaitingEncryptionReply = false;
    let parsing = true;

    const parse = () => {
      for (;;) {
        if (!startupDone) {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) return;
          const code = buffer.readInt32BE(4);
          const body = buffer.subarray(8, len);
          buffer = buffer.subarray(len);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            awaitingEncryptionReply = true;
            continue;
          }
          if (code === CANCEL_REQUEST) {
            record.applicationName = '(cancel request)';
            startupDone = true;
            continue;
          }
          const parts = body.toString('utf8').split('\0');
          for (let i = 0; i + 1 < parts.length; i += 2) {
            if (parts[i] === 'application_name') record.applicationName = parts[i + 1] ?? '';
            if (parts[i] === 'user') record.user = parts[i + 1] ?? '';
            if (parts[i] === 'database') record.database = parts[i + 1] ?? '';
          }
          startupDone = true;
          if (!listed) {
            list.push(record);
            listed = true;
          }
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0] ?? 0);
        const len = buffer.readInt32BE(1);
        if (buffer.length < 1 + len) return;
        const body = buffer.subarray(5, 1 + len);
        buffer = buffer.subarray(1 + len);
        if (type === 'Q') record.statements.push(cString(body, 0));
        if (type === 'P') {
          const nameEnd = body.indexOf(0);
          record.statements.push(cString(body, nameEnd + 1));
        }
      }
    };

    client.on('data', (chunk: Buffer) => {
      backend.write(chunk);
      if (!parsing) return;
      buffer = Buffer.concat([buffer, chunk]);
      parse();
    });
    backend.on('data', (chunk: Buffer) => {
      if (awaitingEncryptionReply) {
        awaitingEncryptionReply = false;
        const reply = String.fromCharCode(chunk[0] ?? 0);
        if (reply === 'S' || reply === 'G') {
          record.encrypted = true;
          parsing = false;
          if (!listed) {
            list.push(record);
            listed = true;
          }
        }
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
    };
    client.on('close', close);
    backend.on('close', close);
    client.on('error', close);
    backend.on('error', close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the counting proxy has no TCP port');
  return {
    port: address.port,
    get connections() {
      return connections;
    },
    reset() {
      connections = [];
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function cString(buf: Buffer, start: number): string {
  const end = buf.indexOf(0, start);
  return buf.subarray(start, end < 0 ? buf.length : end).toString('utf8');
}

/** Statements that change the database: DDL, DML, privileges, comments. */
export function isWrite(sql: string): boolean {
  return /^\s*(insert|update|delete|merge|create|alter|drop|grant|revoke|truncate|comment|copy\s+\S+\s+from)\b/i.test(sql);
}
