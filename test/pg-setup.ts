import type { TestProject } from 'vitest/node'
import { citusUnavailable, startCitusCluster } from './citus-cluster'
import { pgUnavailable, startCluster } from './pg-cluster'

// Throwaway servers for the whole unit suite, stopped at the end: one PostgreSQL cluster (initdb + pg_ctl in a temp
// folder, as an unprivileged user when run as root, on a free loopback port) and, where Citus is installed into that
// PostgreSQL, a Citus coordinator with two workers beside it. Where either is missing its tests report themselves
// skipped with the reason; CI installs both (.ci/run) and requires them (DOCUSNAP_REQUIRE_PG, DOCUSNAP_REQUIRE_CITUS).

export default async function setup(project: TestProject) {
  const reason = pgUnavailable()
  const citusReason = reason ?? citusUnavailable()
  const [cluster, citus] = await Promise.all([reason ? null : startCluster({ durable: false }), citusReason ? null : startCitusCluster({ durable: false })] as const)
  project.provide('pgUrl', cluster?.url ?? null)
  project.provide('pgSkipReason', reason)
  project.provide('citusUrl', citus?.url ?? null)
  project.provide('citusSkipReason', citusReason)
  return () => {
    cluster?.stop()
    citus?.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null
    pgSkipReason: string | null
    citusUrl: string | null
    citusSkipReason: string | null
  }
}
