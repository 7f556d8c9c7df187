import type { TestProject } from 'vitest/node'
import { pgUnavailable, startCluster, type PgCluster } from './pg-cluster'

// One throwaway PostgreSQL cluster for the whole unit suite (initdb + pg_ctl in a temp folder, as an unprivileged user
// when run as root, on a free loopback port), stopped at the end. Where the server programs are missing, the
// PostgreSQL tests report themselves skipped with this reason; CI installs them (.ci/run), so there they run.

let cluster: PgCluster | null = null

export default async function setup(project: TestProject) {
  const reason = pgUnavailable()
  if (!reason) cluster = await startCluster({ durable: false })
  project.provide('pgUrl', cluster?.url ?? null)
  project.provide('pgSkipReason', reason)
  return () => cluster?.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null
    pgSkipReason: string | null
  }
}
