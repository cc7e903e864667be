// A TCP proxy that delays every chunk by `delayMs` in each direction: a live database `2 × delayMs`
// of round trip away, as a hosted Supabase project is (parity reads production over the network).
import { createServer, connect } from 'node:net';

export function startDelayProxy(upstream, delayMs) {
  const sockets = new Set();
  const server = createServer((client) => {
    const backend = connect(upstream.port, upstream.host);
    for (const s of [client, backend]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    const forward = (from, to) => from.on('data', (d) => setTimeout(() => to.writable && to.write(d), delayMs));
    forward(client, backend);
    forward(backend, client);
    client.on('close', () => setTimeout(() => backend.destroy(), delayMs));
    backend.on('close', () => setTimeout(() => client.destroy(), delayMs));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        close: () => {
          for (const s of sockets) s.destroy();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}
