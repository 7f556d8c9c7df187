import type { Catalog } from './en'

/** Another language's catalog: the same sections and keys as English (plural variants checked by the key test). */
export type Messages = { [K in keyof Catalog]: Catalog[K] extends string ? string : Loose<Catalog[K]> }
type Loose<T> = { [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Loose<T[K]> }
