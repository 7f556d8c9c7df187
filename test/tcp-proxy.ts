import { connect, createServer, type Socket } from 'node:net'

// A loopback TCP proxy in front of a server, for fault tests: it passes bytes both ways until told to drop every
// connection (as a failing network would) and, while refusing, to cut new ones at once. `watch` sees what clients
// send, so a test can cut the link at a point of the job's progress (the third DELETE on the wire), not after a timer.

export interface TcpProxy {
  port: number
  /** Connections made through the proxy so far. */
  connections(): number
  /** Cuts every open connection at once. */
  dropAll(): void
  /** While on, new connections are cut as soon as they are made (a server that is gone). */
  refuse(on: boolean): void
  close(): Promise<void>
}

export async function tcpProxy(target: { host: string; port: number }, watch?: (sent: Buffer, proxy: TcpProxy) => void): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let made = 0
  let refusing = false
  const server = createServer((client) => {
    made++
    client.on('error', () => undefined)
    if (refusing) return void client.destroy()
    const upstream = connect(target.port, target.host)
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('error', () => undefined)
      s.on('close', () => {
        open.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (chunk: Buffer) => {
      if (!upstream.destroyed) upstream.write(chunk)
      watch?.(chunk, proxy)
    })
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const proxy: TcpProxy = {
    port: (server.address() as { port: number }).port,
    connections: () => made,
    dropAll: () => {
      for (const s of open) s.destroy()
    },
    refuse: (on) => void (refusing = on),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy()
        server.close(() => resolve())
      })
  }
  return proxy
}

/** A watch that cuts the link (and refuses new connections) when `text` has gone by `times` times. */
export function cutAfter(text: string, times: number): (sent: Buffer, proxy: TcpProxy) => void {
  let seen = 0
  return (sent, proxy) => {
    if (!sent.includes(text) || ++seen !== times) return
    proxy.refuse(true)
    proxy.dropAll()
  }
}
