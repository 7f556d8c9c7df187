import { views } from './en/views'
import { panels } from './en/panels'
import { dialogs } from './en/dialogs'
import { sqlConsole } from './en/console'
import { commandLine } from './en/cli'
// English messages: the reference catalog. Every other language has exactly these keys (test/i18n.test.ts).
// Plurals follow i18next: key_one / key_other (languages without a singular keep only _other).
// {{name}} is filled in by i18next; numbers arrive already formatted for the language.
// The sections live in en/, one file per part of the app.

export const en = { ...views, ...panels, ...dialogs, ...sqlConsole, ...commandLine }

export type Catalog = typeof en
