// A network the tests can really cut. Chromium is started with this
// process as its proxy (`--proxy-server`, loopback included), so every
// request of the browser — the page's, the service worker's, a reload's
// navigation — crosses a socket here. `cut()` closes the listening socket
// and destroys every open connection: the browser then meets a refused
// connection, as a phone does in a tunnel. No emulation is involved:
// Chromium 148 no longer routes a service worker's fetches through
// Playwright's `setOffline`, so a test relying on it never saw the app
// offline.
import http from "node:http";
import net from "node:net";

/**
 * Starts the proxy on a free loopback port. Returns
 * `{ args, cut(), restore(), close(), isUp() }`: `args` are the Chromium
 * flags that send everything through it.
 */
export async function cuttableNetwork() {
  const sockets = new Set();
  const track = (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };

  const server = http.createServer((req, res) => {
    let target;
    try {
      target = new URL(req.url);
    } catch {
      res.writeHead(400).end("absolute URL expected");
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port || 80,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on("socket", track);
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  // WebSockets and TLS: a plain tunnel.
  server.on("connect", (req, client, head) => {
    const [host, port] = req.url.split(":");
    const up = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    track(up);
    up.on("error", () => client.destroy());
    client.on("error", () => up.destroy());
  });
  server.on("connection", track);
  server.on("clientError", (_, socket) => socket.destroy());

  const listen = (port) => new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
  const port = await listen(0);
  let up = true;

  return {
    args: [`--proxy-server=http://127.0.0.1:${port}`, "--proxy-bypass-list=<-loopback>"],
    isUp: () => up,
    /** No new connection is accepted, every open one is reset. */
    async cut() {
      if (!up) return;
      up = false;
      await new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    /** Listens again on the same port. */
    async restore() {
      if (up) return;
      await listen(port);
      up = true;
    },
    async close() {
      up = false;
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
