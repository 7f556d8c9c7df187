import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A throwaway PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl from Debian's packages in a temp folder,
// on a free loopback port, with a password (so authentication is the real thing), stopped and removed at the end.
// PostgreSQL refuses to run as root: as root the folder is handed to an unprivileged user (nobody) and the server
// runs as that user.

const NOBODY = 65534

export interface PgCluster {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres */
  url: string
  port: number
  password: string
  binDir: string
  dir: string
  /** psql with this cluster's connection, for benchmarks that compare with it. */
  psql(sql: string, database?: string): string
  stop(): void
}

/** Where Debian's server programs are (the newest version installed), or null. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length ? join(root, versions[0]!, 'bin') : null
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function pgUnavailable(): string | null {
  if (findPgBin()) return null
  const reason = 'PostgreSQL server programs not found under /usr/lib/postgresql (Debian package "postgresql"); .ci/run installs them.'
  // CI sets this: there the PostgreSQL tests must run, never be skipped.
  if (process.env.DOCUSNAP_REQUIRE_PG === '1') throw new Error(`DOCUSNAP_REQUIRE_PG is set, but ${reason}`)
  return reason
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface ServerOptions {
  /** false (tests) turns fsync off; benchmarks keep the server's defaults so commits cost what they cost on this disk. */
  durable?: boolean
  /** Extra server settings (-c name=value), such as shared_preload_libraries for Citus. */
  settings?: string[]
  /** A folder to start in (created when missing); a new temp folder otherwise. Removed by stop(). */
  dir?: string
  /** The superuser's password; a random one otherwise. */
  password?: string
  /** Environment of the server process (Citus nodes log in to each other with a password file). */
  env?: Record<string, string>
}

/** Runs as the unprivileged user when this process is root (PostgreSQL refuses root). */
export function asServerUser(env: Record<string, string> = {}): SpawnSyncOptions {
  const asRoot = process.getuid?.() === 0
  return { encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}), env: { ...process.env, LC_ALL: 'C.UTF-8', ...env } }
}

/** Hands a file or folder to the server's user (when root), mode as given. */
export function ownedByServer(path: string, mode: number): void {
  if (process.getuid?.() === 0) chownSync(path, NOBODY, NOBODY)
  chmodSync(path, mode)
}

/** Starts one server: initdb and pg_ctl, on a free loopback port, password authentication (scram). */
export async function startCluster(options: ServerOptions = {}): Promise<PgCluster> {
  const binDir = findPgBin()
  if (!binDir) throw new Error(pgUnavailable()!)
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'docusnap-pg-'))
  if (!existsSync(dir)) mkdirSync(dir)
  const data = join(dir, 'data')
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}`
  const pwfile = join(dir, 'pw')
  writeFileSync(pwfile, `${password}\n`, { flag: 'wx', mode: 0o600 })
  ownedByServer(pwfile, 0o600)
  ownedByServer(dir, 0o700)
  const as = asServerUser({ HOME: dir, ...options.env })
  const run = (program: string, args: string[]) => {
    const r = spawnSync(join(binDir, program), args, as)
    if (r.status !== 0) throw new Error(`${program} failed: ${String(r.stderr || r.stdout).trim()}`)
    return String(r.stdout)
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--locale=C', '--encoding=UTF8', '--no-instructions'])
  rmSync(pwfile)
  const port = await freePort()
  const settings = [`-p ${port}`, '-h 127.0.0.1', `-k ${dir}`, '-c max_connections=60', '-c shared_buffers=256MB', ...(options.settings ?? []).map((s) => `-c ${s}`)]
  if (options.durable === false) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off')
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings.join(' '), '-w', '-t', '60', 'start'])
  let stopped = false
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`
  return {
    url,
    port,
    password,
    binDir,
    dir,
    psql(sql, database = 'postgres') {
      const r = spawnSync(join(binDir, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql], {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: password }
      })
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`)
      return r.stdout
    },
    stop() {
      if (stopped) return
      stopped = true
      spawnSync(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
