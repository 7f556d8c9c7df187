// Tuning knobs for chunked writes, from the environment: how long one write transaction may hold the lock
// (DOCUSNAP_CHUNK_MS), the pause between transactions (DOCUSNAP_CHUNK_GAP_MS) and the most rows in one
// (DOCUSNAP_CHUNK_ROWS). Tests and the stress run use them
// to make purges slow enough to cancel or kill part-way.
export interface ChunkTuning {
  chunkTargetMs?: number
  chunkGapMs?: number
  chunkMaxRows?: number
}

export function chunkingFromEnv(env: NodeJS.ProcessEnv): ChunkTuning {
  const num = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : undefined)
  return { chunkTargetMs: num(env.DOCUSNAP_CHUNK_MS), chunkGapMs: num(env.DOCUSNAP_CHUNK_GAP_MS), chunkMaxRows: num(env.DOCUSNAP_CHUNK_ROWS) }
}
