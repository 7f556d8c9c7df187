import type { Messages } from '../types'

// 简体中文：the command line.

export const commandLine: Pick<Messages, 'cli'> = {
  cli: {
    passwordOnCommandLine: '警告：命令行中的密码可被本机所有用户读取（ps、/proc），并会留在 shell 历史中；请改用 PGPASSWORD 或 ~/.pgpass。',
    help: `docusnap-tasks — 查看和清理 DocuSnap 任务数据库（SQLite 或 PostgreSQL）

用法：docusnap-tasks <命令> [选项]

命令
  init                                如果没有任务表，创建种子格式的任务表
  add ID --type T                     创建一个 pending 任务（create_task_record）
  update ID --status S [--result J | --result-file F]   设置状态；J 为真值 JSON 时同时设置结果
                                     （update_task_result；F 为 - 时读标准输入；以 - 开头的 J 写作 --result=J）
  status ID | result ID               种子模块的 get_task_status / get_task_result
  list [筛选] [--sort F] [--asc] [--limit N] [--after 游标] [--skip N]
  count [筛选] | facets [筛选] | stats
  cleanup [--days 7] [--dry-run]      删除创建超过 N 天的任务
                                      后端格式：[--expire-minutes N] [--timeout-minutes M]：先标记卡住的
                                      processing 任务，再删除 N 分钟未访问的任务
  purge [筛选 | ID...] [--dry-run] --yes [--all]
        cleanup 和 purge：[--maintenance] 后端已停止：每个事务最长 2 秒而不是 0.2 秒（更快），
                                      一旦有其他进程写入即恢复短事务
        cleanup、purge、requeue、retry：[--allow-triggers] 在你了解其触发器的表上照样运行
  requeue [筛选 | ID...] [--dry-run] --yes
                                      种子格式：把任务设回 pending
  retry [筛选 | ID...] [--dry-run] --yes
                                      后端格式：忘记已存的结果（删除这些行），让客户端下次提交时重新处理
  vacuum                              压缩文件
  indexes [--add]                     显示（或添加）管理查询使用的索引
  export [筛选] --format csv|json|jsonl [--with-result] [--bom] --out 文件
  demo --count N [--days 30] [--schema seed|backend] [--seed N]
  copy --from A --to B [--batch N]    在 SQLite 文件与 PostgreSQL 表之间（双向）复制任务表，
                                      缺表时按源的格式创建；再次运行即可续传；最后比较校验和
        [--distribute-by id|client_id|reference]   在 Citus 协调节点上：先把新表分布到各节点
  query "SQL" [--json | --csv] [--limit N] [--timeout 秒]   运行一条只读语句（SELECT、WITH、VALUES、
                                      EXPLAIN；只读 PRAGMA / SHOW）；S 秒（默认 10）后停止，并给出已读到的行
  serve [--port N] [--host 127.0.0.1] [--read-only] [--open] [--settings 文件]   在浏览器中使用本应用
        [--allow-dir 目录] [--allow-host 名称]   允许打开某目录中的文件／服务器的其他名称
        [--allow-sql]                 向页面提供只读 SQL 控制台

全局选项
  --db 路径|URL   数据库文件（默认：$DATABASE_PATH，否则为 ./tasks.db），或 PostgreSQL 表：
                  postgres://user@host:5432/dbname?table=tasks（读取 PG* 环境变量和 ~/.pgpass）
  --json          在标准输出上输出一个 JSON 文档
  --read-only     从不写入
  --lang en|zh-CN 消息的语言（默认取自 LC_ALL / LC_MESSAGES / LANG）

筛选
  --status S  --type T  --error E  --client C   （可重复）
  --id 文本  --search 文本
  --created-after T  --created-before T  --updated-after T  --updated-before T   （Unix 秒，或 ISO 日期时间：未写时区即为 UTC，例如 +08:00）
  --older-than 天数

退出码：0 完成，1 失败，2 用法错误。`,
    usage: {
      queryArgs: 'query 只接受一条用引号括起的语句：docusnap-tasks query "SELECT count(*) FROM tasks"。',
      queryFormat: '--json 与 --csv 只能选一个。',
      queryTimeout: '--timeout："{{text}}" 不是 0.1 到 600 之间的秒数。',
      unknownCommand: '未知命令“{{command}}”。运行 docusnap-tasks --help 查看命令列表。',
      lang: '--lang 必须是 en 或 zh-CN。',
      time: '--{{option}}：“{{text}}”既不是 Unix 秒，也不是 ISO 日期时间（例如 2024-05-01 08:00:00，按 UTC 理解；或 2024-05-01T16:00:00+08:00）。',
      filter: '--{{option}}：{{message}}',
      wholeNumber: '--{{option}}：“{{text}}”不是 {{min}} 到 {{max}} 之间的整数。',
      number: '--{{option}}：“{{text}}”不是 {{min}} 到 {{max}} 之间的数字。',
      sort: '--sort 必须是以下之一：{{fields}}。',
      oneId: '{{command}} 需要正好一个任务 ID。',
      idsOrFilters: '{{command}}：请给出任务 ID 或筛选条件，不能同时给出。',
      noFilter: '{{command}}：没有给出筛选条件。请添加筛选（例如 --status error）、任务 ID，或用 --all 对所有任务执行 {{command}}。',
      daysOrMinutes: 'cleanup：--days、--minutes、--expire-minutes 只能给一个。',
      timeoutSeedFile: '--timeout-minutes 只适用于 DocuSnap-Backend 文件（卡住的 processing 任务）；此文件是种子格式。',
      purgeYes: 'purge 会永久删除任务：加上 --yes 以确认（或用 --dry-run 查看数量）。',
      requeueYes: 'requeue 会改变任务状态：加上 --yes 以确认（或用 --dry-run 查看数量）。',
      retryYes: 'retry 会删除已存的结果：加上 --yes 以确认（或用 --dry-run 查看数量）。',
      format: '--format 必须是以下之一：{{formats}}。',
      exportOut: 'export 需要 --out 文件。',
      demoCount: 'demo 需要 --count N。',
      copyEnds: 'copy 需要 --from 和 --to（各为一个 SQLite 文件路径或 postgres:// URL）。',
      distributeBy: '--distribute-by 取 id（种子格式任务）、client_id（DocuSnap-Backend 任务）或 reference。',
      schema: '--schema 必须是 seed 或 backend。',
      addType: 'add 需要一个 --type（document、form 或 form_filling）。',
      updateStatus: 'update 需要一个 --status。',
      resultTwice: 'update：--result 与 --result-file 只能给一个。',
      listArgs: 'list 不接受位置参数；请用 --id 搜索 ID。',
      notBuilt: '应用尚未构建；请先运行 `npm run build`。',
      cannotListen: '无法监听 {{host}}:{{port}}：{{message}}'
    },
    notSeed: '{{command}} 是种子模块的函数；{{path}} 使用的是 DocuSnap-Backend 的格式。',
    tasks_other: '{{count, number}} 个任务',
    noTasksMatch: '没有匹配的任务。',
    more: '更多：--after {{cursor}}',
    created: '已在 {{path}} 中创建任务表。',
    alreadyThere: '{{path}} 已有任务表（{{kind}} 格式）。',
    added: '已添加 {{id}}（{{type}}），状态 pending。',
    noSuchTask: '没有 ID 为 {{id}} 的任务。',
    resultFileUnreadable: '无法从 {{path}} 读取结果：{{reason}}',
    updated: '已更新 {{id}}：{{status}}。',
    statusLine: '{{status}}  创建于 {{created}}  更新于 {{updated}}（UTC）',
    noResult: '（没有结果；状态 {{status}}）',
    statsHead: '{{path}}（{{kind}} 格式，{{size}}，日志模式 {{journal}}）',
    statsHeadReadOnly: '{{path}}（{{kind}} 格式，只读，{{size}}，日志模式 {{journal}}）',
    statsTotal: '{{count, number}} 个任务，创建时间 {{oldest}} … {{newest}}（UTC）',
    missingIndexes: '缺少建议的索引：{{names}}（用 "indexes --add" 添加）',
    allIndexes: '所有建议的索引都已存在。',
    addMissing: '添加缺少的索引：indexes --add',
    titles: {
      status: '状态',
      type: '类型',
      errors: '错误',
      clients: '客户端',
      tasks: '任务数',
      none: '（无）'
    },
    columns: {
      id: 'ID',
      client: '客户端',
      sha256: 'sha256',
      type: '类型',
      status: '状态',
      created: '创建',
      updated: '更新',
      createdUtc: '创建（UTC）',
      updatedUtc: '更新（UTC）',
      accessedUtc: '最后访问（UTC）',
      result: '结果',
      error: '错误'
    },
    what: {
      notAccessed: '超过 {{age}}未被访问的任务',
      createdAgo: '创建超过 {{age}}的任务',
      minutes: '{{count, number}} 分钟',
      days: '{{count, number}} 天',
      tasks: '任务'
    },
    rule: {
      seed: '清理规则（种子模块的规则）：删除{{what}}。',
      given: '清理规则（按所给参数）：{{stuck}}，然后删除{{what}}。',
      recorded: '清理规则（设置中为此文件记录的值）：{{stuck}}，然后删除{{what}}。',
      default:
        '清理规则（此文件没有记录的值）：{{stuck}}，然后删除{{what}}。DocuSnap-Backend 自带的配置是 EXPIRE_MINUTES 1440、PROCESS_TIMEOUT 10；请用 --expire-minutes 和 --timeout-minutes 传入你的部署所用的值，或在设置中记录。',
      stuck: '把创建超过 {{count, number}} 分钟仍在 processing 的任务标记为 PROCESSING_TIMEOUT',
      noStuck: '不标记卡住的任务'
    },
    wouldDelete: '将删除 {{count, number}} 个{{what}}。',
    wouldDeleteAndTimeOut: '将删除 {{count, number}} 个{{what}}，并将 {{stuck, number}} 个卡住的任务标记为超时。',
    timeoutCancelled: '已取消：已标记 {{count, number}} 个卡住的任务；没有删除任何任务。',
    markedStuck: '已将 {{count, number}} 个卡住的任务标记为 PROCESSING_TIMEOUT。',
    wouldDeleteTasks: '将删除 {{count, number}} 个任务。',
    wouldRequeue: '将重新排队 {{count, number}} 个任务。',
    wouldRetry: '将忘记 {{count, number}} 个任务的已存结果（它们下次提交时会重新处理）。',
    deleted: '已删除 {{count, number}} 个{{what}}。',
    requeued: '已重新排队 {{count, number}} 个{{what}}。',
    retried: '已忘记 {{count, number}} 个{{what}}的已存结果：每个下次提交时都会重新处理。',
    cancelledDeleted: '已取消：{{total, number}} 个{{what}}中已删除 {{done, number}} 个（只处理完整批次）。',
    cancelledRequeued: '已取消：{{total, number}} 个{{what}}中已重新排队 {{done, number}} 个（只处理完整批次）。',
    cancelledRetried: '已取消：{{total, number}} 个{{what}}中已忘记 {{done, number}} 个的结果（只处理完整批次）。',
    compacted: '已压缩 {{path}}：{{before}} → {{after}}。',
    indexesAdded: '已添加 {{names}}。',
    indexesThere: '所有建议的索引都已存在。',
    exportCancelled: '已取消：没有写入任何内容。',
    exported: '已将 {{count, number}} 个任务导出到 {{path}}。',
    inserted: '已向 {{path}} 插入 {{count, number}} 个演示任务。',
    copy: {
      progress: '复制中',
      done: '已从 {{from}} 复制 {{copied, number}} 个任务到 {{to}}（{{skipped, number}} 个已存在）。',
      created: '已按源的格式在目标处创建任务表。',
      distributed: '按 {{column}} 分布：{{shards, number}} 个分片，位于 {{nodes, number}} 个节点（Citus {{version}}）。',
      reference: '参考表：{{nodes, number}} 个节点上各有一份副本（Citus {{version}}）。',
      rows: '行数：源 {{from, number}}，目标 {{to, number}}。',
      same: '所有列的校验和一致（{{columns}}）。',
      differ: '以下列的校验和不一致：{{columns}}。目标中有其他行，或相同键下的值不同。',
      stopped: '已在 {{total, number}} 个任务中的第 {{done, number}} 个后停止。再次运行同一命令即可继续：已复制的任务会保留。'
    },
    progress: {
      waitingLock: '正在等待另一个会话持有的锁（后端，或某个未结束的事务）；锁一释放就继续……',
      cleaning: '正在清理',
      timingOut: '正在标记超时',
      deleting: '正在删除',
      maintenanceOff: '有其他进程写入了该文件：后端正在运行，恢复为短事务。',
      requeueing: '正在重新排队',
      retrying: '正在忘记结果',
      exporting: '正在导出'
    },
    query: {
      rows_other: '{{count}} 行，用时 {{ms}} 毫秒',
      more: '结果多于显示的 {{count}} 行：调高 --limit，或导出（应用的 SQL 视图）。',
      timeout: '已在时间上限（{{seconds}} 秒）停止；以下是已读到的 {{count}} 行。',
      cancelled: '已停止；以下是已读到的 {{count}} 行。',
      journalWriter: '另一个进程正在写入这个回滚日志模式的文件：查询最多运行 {{seconds}} 秒，写入方不会等过它的忙等待时间。'
    },
    serve: {
      warning: '警告：正在 {{host}} 上提供服务，其他机器可以访问。任何拥有网址（及其令牌）的人都可以修改数据库，而且令牌以明文 HTTP 传输：请使用 SSH 隧道或可信网络。',
      warningReadOnly: '警告：正在 {{host}} 上提供服务，其他机器可以访问。任何拥有网址（及其令牌）的人都可以读取数据库，而且令牌以明文 HTTP 传输：请使用 SSH 隧道或可信网络。',
      settings: '设置：{{problem}}',
      couldNotOpen: '无法打开 {{path}}：{{message}} 可以在页面上打开其他文件。',
      serving: 'DocuSnap 任务管理正在提供 {{what}}，地址：\n  {{url}}\n按 Ctrl-C 停止。',
      servingReadOnly: 'DocuSnap 任务管理正以只读方式提供 {{what}}，地址：\n  {{url}}\n按 Ctrl-C 停止。',
      noDatabase: '（无数据库）',
      stopped: '已停止；数据库已关闭。'
    }
  }
}
