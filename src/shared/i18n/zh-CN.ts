import type { Messages } from './types'
import { views } from './zh-CN/views'
import { panels } from './zh-CN/panels'
import { dialogs } from './zh-CN/dialogs'
import { sqlConsole } from './zh-CN/console'
import { commandLine } from './zh-CN/cli'

// 简体中文。键与 en.ts 完全相同（复数只有 _other，中文不分单复数），由 test/i18n.test.ts 检查。
// 各部分的文本在 zh-CN/ 下，每个文件对应应用的一部分。

export const zhCN: Messages = { ...views, ...panels, ...dialogs, ...sqlConsole, ...commandLine }
