import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findPgBin, ownedByServer, pgUnavailable, startCluster, type PgCluster } from './pg-cluster'

// A throwaway Citus cluster for tests and benchmarks: a coordinator and two workers, each its own PostgreSQL server
// (./pg-cluster.ts) with citus preloaded, on free loopback ports, password authentication between the nodes too
// (a password file the servers read, as a real cluster's nodes would). Citus is built into Debian's PostgreSQL by
// ../../shared/citus/install.sh (.ci/run calls it); where it is missing the Citus tests say so and are skipped.

export interface CitusCluster extends PgCluster {
  workers: PgCluster[]
}

const CITUS_VERSION = /default_version = '13\./

/** Why Citus tests cannot run here, or null when they can. */
export function citusUnavailable(): string | null {
  const pg = pgUnavailable()
  const bin = findPgBin()
  let reason = pg
  if (!reason && bin) {
    const config = spawnSync(join(bin, 'pg_config'), ['--pkglibdir', '--sharedir'], { encoding: 'utf8' })
    const [lib, share] = String(config.stdout).trim().split('\n')
    const control = share ? join(share, 'extension', 'citus.control') : ''
    const installed = lib && existsSync(join(lib, 'citus.so')) && existsSync(control) && CITUS_VERSION.test(readFileSync(control, 'utf8'))
    if (!installed) reason = 'Citus 13 is not installed into this PostgreSQL (../shared/citus/install.sh builds it; .ci/run calls it).'
  }
  // CI sets this: there the Citus tests must run, never be skipped.
  if (reason && process.env.DOCUSNAP_REQUIRE_CITUS === '1') throw new Error(`DOCUSNAP_REQUIRE_CITUS is set, but ${reason}`)
  return reason
}

export async function startCitusCluster(options: { durable?: boolean } = {}): Promise<CitusCluster> {
  const root = mkdtempSync(join(tmpdir(), 'docusnap-citus-'))
  ownedByServer(root, 0o700)
  const password = `pw-${Math.random().toString(36).slice(2)}`
  const passfile = join(root, 'pgpass')
  writeFileSync(passfile, `127.0.0.1:*:*:postgres:${password}\n`, { flag: 'wx', mode: 0o600 })
  ownedByServer(passfile, 0o600)
  const node = (name: string) =>
    startCluster({
      durable: options.durable,
      dir: join(root, name),
      password,
      env: { PGPASSFILE: passfile },
      // A multi-shard statement opens up to 16 connections to each worker: room for the suite's files running at once.
      settings: ["shared_preload_libraries='citus'", 'max_worker_processes=16', 'max_connections=200', 'citus.log_remote_commands=off']
    })
  const started: PgCluster[] = []
  const stopAll = () => {
    for (const n of started) n.stop()
    rmSync(root, { recursive: true, force: true })
  }
  try {
    for (const name of ['coordinator', 'worker-1', 'worker-2']) started.push(await node(name))
    const [coordinator, ...workers] = started as [PgCluster, ...PgCluster[]]
    for (const n of started) n.psql('CREATE EXTENSION citus')
    coordinator.psql(`SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator.port})`)
    for (const w of workers) coordinator.psql(`SELECT citus_add_node('127.0.0.1', ${w.port})`)
    return { ...coordinator, workers, stop: stopAll }
  } catch (e) {
    stopAll()
    throw e
  }
}
