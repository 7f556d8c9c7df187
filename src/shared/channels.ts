// The names of every contract channel and event, without their schemas: the sandboxed preload needs only these,
// and must stay small. contract.ts checks at compile time that it declares exactly these channels.
export const CHANNEL_NAMES = [
  'app.info',
  'db.current',
  'db.open',
  'db.close',
  'db.pick',
  'db.stats',
  'db.daily',
  'db.vacuum',
  'db.addIndexes',
  'db.demo',
  'db.watch',
  'db.probe',
  'db.copy',
  'tasks.list',
  'tasks.count',
  'tasks.facets',
  'tasks.get',
  'tasks.preview',
  'tasks.purge',
  'tasks.requeue',
  'tasks.retry',
  'tasks.create',
  'tasks.update',
  'tasks.duplicate',
  'tasks.timeout',
  'tasks.export',
  'tasks.cleanup',
  'jobs.cancel',
  'sql.run',
  'sql.explain',
  'sql.schema',
  'sql.cancel',
  'sql.export',
  'settings.get',
  'settings.update',
  'settings.reset',
  'settings.cleanupRule',
  'settings.timeUnit',
  'cleanup.scheduled'
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = ['job.progress', 'db.changed', 'db.opened', 'db.closed', 'ui.command'] as const
export type EventName = (typeof EVENT_NAMES)[number]

/** IPC channel names, namespaced so no other listener can collide with them. */
export const ipcChannel = (name: ChannelName) => `docusnap:${name}`
export const ipcEvent = (name: EventName) => `docusnap-event:${name}`

/** Serve mode: the header that carries a page's session secret (src/main/server/session.ts says why not a cookie). */
export const SESSION_HEADER = 'x-docusnap-session'
