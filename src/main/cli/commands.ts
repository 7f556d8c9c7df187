import { copyCommand } from './copy-command'
import { queryCommand } from './sql-command'
import { MAINTENANCE_COMMANDS } from './maintenance-commands'
import { QUERY_COMMANDS } from './query-commands'
import { SEED_COMMANDS } from './seed-commands'
import type { Answer, Ctx } from './context'

export { RawJson, rowJson, type Answer, type Ctx, type Io } from './context'

/** Every command of docusnap-tasks, by name. */
export const COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = { ...SEED_COMMANDS, ...QUERY_COMMANDS, ...MAINTENANCE_COMMANDS, copy: copyCommand, query: queryCommand }
