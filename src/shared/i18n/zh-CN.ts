import type { Messages } from './types'

// 简体中文。键与 en.ts 完全相同（复数只有 _other，中文不分单复数），由 test/i18n.test.ts 检查。

export const zhCN: Messages = {
  app: {
    name: 'DocuSnap 任务管理',
    skipToTasks: '跳到任务列表',
    tagline: '浏览、查看和清理 DocuSnap-Backend 的任务存储。',
    starting: '正在启动…',
    views: '视图',
    tasksTab: '任务',
    overviewTab: '概览',
    somethingWrong: '出错了',
    reload: '重新加载'
  },
  common: {
    cancel: '取消',
    close: '关闭',
    closeDialog: '关闭对话框',
    none: '无',
    counting: '正在统计…',
    loading: '正在加载…',
    dash: '—',
    copy: '复制',
    copied: '已复制',
    open: '打开',
    save: '保存',
    days_other: '{{count, number}} 天'
  },
  header: {
    seedFormat: '种子格式',
    backendFormat: '后端格式',
    readOnly: '只读',
    live: '实时',
    updatedJustNow: '刚刚更新',
    changesAvailable: '有新变化 — 刷新',
    updated: '更新于{{when}}',
    shortcuts: '键盘快捷键',
    about: '关于',
    settings: '设置'
  },
  theme: {
    label: '主题',
    system: '跟随系统主题',
    light: '浅色',
    dark: '深色'
  },
  language: {
    label: '语言',
    system: '跟随系统语言',
    en: 'English',
    'zh-CN': '简体中文'
  },
  toolbar: {
    total_other: '{{count, number}} 个任务',
    totalCounting: '≥ {{count, number}} 个任务（正在统计…）',
    allSelected: '已选中全部 {{count, number}} 个匹配任务',
    selected: '已选中 {{count, number}} 个',
    selectAllMatching: '选中全部 {{count, number}} 个匹配任务',
    clearSelection: '取消选择',
    refresh: '刷新',
    refreshButton: '↻ 刷新',
    export: '导出…',
    deleteSelected: '删除所选',
    moreActions: '更多操作',
    actions: '操作',
    purgeMatching: '清除所有匹配任务…',
    requeueErrored: '重新排队出错的任务…',
    requeueSelected: '重新排队所选任务…',
    retrySelected: '重试所选任务（忘记结果）…',
    retryErrored: '重试出错的任务（忘记结果）…',
    markStuck: '标记卡住的任务…',
    clearClient: '清除客户端…',
    expire: '按访问时间过期…',
    cleanUp: '清理…',
    noMatch: '没有任务符合这些筛选条件。',
    searching: '正在搜索更早的任务…',
    searchedTo: '已读到 {{date}}',
    stopSearch: '停止',
    searchStopped: '搜索已停止。',
    sortingWithoutIndex: '正在按{{column}}排序（无索引）：已读取文件的 {{percent}}，先显示目前找到的最佳结果…',
    sortedWithoutIndex: '{{column}}没有索引：每次新的视图都要读取整个文件（此处用时 {{seconds}} 秒）。',
    addIndex: '添加索引…',
    continueSearch: '继续',
    clearFilters: '清除筛选'
  },
  actions: {
    deleteAllMatching: '删除所有匹配的任务',
    deleteSelectedTitle: '删除所选任务',
    deleteEvery: '删除全部任务',
    deleteMatchingFilters: '删除所有符合筛选条件的任务',
    noFilterWarning: '没有设置任何筛选条件：这会清空整张表。',
    requeueTitle: '重新排队出错的任务',
    requeueSelectedTitle: '重新排队所选任务',
    retrySelectedTitle: '重试所选任务：忘记已存的结果',
    retryTitle: '重试：忘记已存的结果',
    retryBackend:
      'DocuSnap-Backend 会用已存的行回答提交，而文档只保存在内存中，所以重试就是忘记这一行：这些行会被删除，客户端下次提交同一文档时会重新处理。不会通知客户端。',
    requeueSeed: '重新排队的任务会回到 pending 状态，更新时间设为现在，等待后端再次处理。',
    counting: '正在统计任务',
    countingWhat: '正在统计将受影响的任务…',
    typeToConfirm: '输入 {{count, number}} 以确认：',
    typeToConfirmLabel: '输入任务数量以确认',
    progress: {
      purge: '删除进度',
      requeue: '重新排队进度',
      retry: '重试进度',
      timeout: '标记进度'
    },
    maintenance: '维护窗口：后端已停止',
    maintenanceHint: '使用更大的事务（每个最长 2 秒，而不是 0.2 秒）：大文件上快几倍，但正在运行的后端需要等待。如果有其他程序写入该文件，本应用会立即恢复为短事务。',
    maintenanceOff: '有其他程序写入了该文件，说明后端正在运行：已恢复为短事务（较慢，但后端不会久等）。',
    stopping: '当前批次完成后停止',
    nothingElse: '其余条件没有匹配的任务：只有上面那一步会改变数据。',
    nothingMatches: '没有匹配的任务：不会有任何改变。',
    perStatus: '按状态',
    afterPreview: '在此预览之后创建的任务不会被触及。',
    cannotRestore: '删除的任务无法恢复。',
    verb: {
      purge: '删除',
      requeue: '重新排队',
      retry: '忘记',
      timeout: '标记'
    },
    run_other: '{{verb}} {{count, number}} 个任务',
    willDo_other: '这将{{verb}} {{count, number}} 个任务，创建时间从 {{from}} 到 {{to}}。',
    willVerb: {
      purge: '删除',
      requeue: '重新排队',
      retry: '忘记已存结果，涉及',
      timeout: '标记'
    },
    progressLine: {
      purge: '已删除 {{done, number}} / {{total, number}}…',
      requeue: '已重新排队 {{done, number}} / {{total, number}}…',
      retry: '已忘记 {{done, number}} / {{total, number}} 个结果…',
      timeout: '已标记超时 {{done, number}} / {{total, number}}…',
      export: '已导出 {{done, number}} / {{total, number}}…'
    },
    doneLine: {
      purge_other: '已删除 {{count, number}} 个任务。',
      requeue_other: '已重新排队 {{count, number}} 个任务。',
      retry_other: '已忘记 {{count, number}} 个任务的已存结果：下次提交时会重新处理。',
      timeout_other: '已将 {{count, number}} 个任务标记为超时。'
    },
    cancelledLine: {
      purge: '已取消。{{total, number}} 个任务中已删除 {{done, number}} 个；其余未受影响。',
      requeue: '已取消。{{total, number}} 个任务中已重新排队 {{done, number}} 个；其余未受影响。',
      retry: '已取消。{{total, number}} 个任务中已忘记 {{done, number}} 个的结果；其余未受影响。',
      timeout: '已取消。{{total, number}} 个任务中已标记超时 {{done, number}} 个；其余未受影响。'
    }
  },
  cleanup: {
    expireTitle: '按最后访问时间过期任务',
    cleanTitle: '清理旧任务',
    notAccessedFor: '删除超过以下时间未被访问的任务：',
    age: '时长',
    unit: '单位',
    minutes: '分钟',
    hours: '小时',
    days: '天',
    createdMoreThan: '删除创建时间早于',
    daysAgo: '天前的任务',
    daysLabel: '天数',
    enterNumber: '请输入 0 或更大的数字。',
    backendRule: '这是 DocuSnap-Backend 自己的过期规则（last_accessed 早于截止时间）；从未被访问的任务会保留。在设置中记录你的部署所用的 EXPIRE_MINUTES 和 PROCESS_TIMEOUT，这里就会预先填好。',
    backendRecorded: '已按设置中为此文件记录的 EXPIRE_MINUTES 和 PROCESS_TIMEOUT 预先填好。从未被访问的任务会保留。',
    markFirst: '先把创建超过',
    markThenDelete_other: '标记 {{count, number}} 个卡住的任务，然后删除',
    markFirstAfter: '分钟仍在 processing 的任务标记为 PROCESSING_TIMEOUT（后端的 PROCESS_TIMEOUT）',
    timeoutLabel: '任务可保持 processing 的分钟数',
    stuckCount_other: '首先，{{count, number}} 个超过 {{minutes, number}} 分钟的 processing 任务会变为 error / PROCESSING_TIMEOUT。',
    markedNote_other: '先把 {{count, number}} 个卡住的任务标记为 PROCESSING_TIMEOUT。',
    seedRule: '这是缓存模块自己的规则（cleanup_expired_tasks，默认 7 天），与任务状态无关。',
    stuckTitle: '将卡住的任务标记为超时',
    stuckBefore: '创建时间超过',
    stuckAfter: '分钟、仍在 processing 的任务将变为 error / PROCESSING_TIMEOUT。',
    minutesLabel: '分钟数',
    enterMinutes: '请输入 0 或更大的分钟数。',
    stuckNote: '后端在每次工作进程轮询之前，也会按其 PROCESS_TIMEOUT 这样做。',
    clearTitle: '清除一个客户端',
    enterClient: '请输入要删除其任务的客户端 ID（输入时会出现建议）。',
    clientLabel: '客户端 ID（即后端 /clear 所做的操作）',
    clientId: '客户端 ID'
  },
  schedule: {
    title: '定时清理',
    intro: '应用打开期间，每天删除一次此规则涵盖的任务，正如 DocuSnap 缓存模块所述（“系统定期（如每天）执行缓存清理”）。',
    enable: '每 24 小时清理一次此数据库',
    olderThanSeed: '删除创建时间早于',
    olderThanBackend: '删除超过以下天数未被访问的任务：',
    daysAgo: '天前的任务',
    days: '天数',
    expireMinutes: '距上次访问的分钟数（EXPIRE_MINUTES）',
    minutesExpire: '分钟未访问的任务（后端的 EXPIRE_MINUTES）',
    timeoutBefore: '先把创建超过',
    timeoutMinutes: '任务可保持 processing 的分钟数（PROCESS_TIMEOUT）',
    minutesTimeout: '分钟仍在 processing 的任务标记为 PROCESSING_TIMEOUT（即 PROCESS_TIMEOUT；留空则不标记）',
    backendValues: '请填写你的部署所用的值：DocuSnap-Backend 自带 EXPIRE_MINUTES 1440 和 PROCESS_TIMEOUT 10，它自己的清理会先标记卡住的任务再删除过期任务。命令行也使用这里记录的值。',
    lastRun: '上次运行',
    nextRun: '下次运行',
    never: '从未',
    off: '已关闭',
    dueNow: '一分钟内',
    history: '历史记录',
    noHistory: '尚未运行过。',
    deleted_other: '删除了 {{count, number}} 个任务',
    deletedAndMarked_other: '删除了 {{count, number}} 个任务，标记了 {{marked, number}} 个卡住的任务',
    failed: '失败：{{message}}',
    readOnly: '此数据库以只读方式打开：定时清理已暂停。',
    cron: '不打开应用时，可用以下 cron 行实现同样的清理：',
    saved: '已保存。',
    defaultOff: '对于不是由本应用创建的文件，默认关闭。'
  },
  settings: {
    title: '设置',
    appearance: '外观',
    refresh: '检查变化的间隔',
    seconds: '秒',
    threshold: '任务数达到',
    tasks: '个及以上时，要求输入数量确认',
    file: '设置文件',
    memoryOnly: '仅保存在内存中',
    problems: '部分已保存的设置无效，已恢复为默认值：',
    reset: '恢复默认设置',
    resetConfirm: '要重置所有设置吗？包括清理规则及其历史记录。',
    resetDone: '设置已重置。',
    recent: '最近的文件',
    noRecent: '没有最近的文件。',
    invalidNumber: '请输入 {{min}} 到 {{max}} 之间的整数。'
  },
  filters: {
    title: '筛选',
    updatingCounts: '正在更新计数',
    countingSince: '正在统计… 目前已统计 {{date}} 以来创建的任务',
    countingShare: '正在统计… 目前已读取表的 {{percent}}%',
    clearAll: '全部清除',
    searchClient: '搜索客户端或 sha256',
    searchId: '搜索任务 ID',
    placeholderClient: '客户端或 sha256…  ( / )',
    placeholderId: '任务 ID…  ( / )',
    searchErrors: '搜索错误详情',
    searchText: '在结果中搜索文本',
    placeholderErrors: '错误详情…',
    placeholderText: '结果中的文本…',
    status: '状态',
    type: '类型',
    client: '客户端',
    errors: '错误',
    created: '创建时间',
    updated: '更新时间',
    lastAccessed: '最后访问',
    olderThan: '早于',
    olderThanDays: '早于天数',
    days: '天',
    presets: '{{label}}快捷选项',
    from: '从',
    to: '到',
    fromLabel: '{{label}}起',
    toLabel: '{{label}}止',
    lastHour: '最近一小时',
    last24h: '24 小时',
    last7d: '7 天'
  },
  grid: {
    label: '任务',
    error: '错误',
    match: '匹配内容',
    runningFor: '已运行 {{value}}',
    selectAllLoaded: '选中所有已加载的任务',
    selectTask: '选择任务 {{id}}',
    loadingMore: '正在加载更多…',
    loadingRow: '正在加载第 {{row, number}} 行…',
    rangeTooLarge: 'Shift 点选的范围最多 {{limit, number}} 个任务。要处理更多，请先收窄筛选条件，再选中全部匹配任务。',
    clientSha: '客户端 · sha256',
    id: 'ID',
    type: '类型',
    status: '状态',
    created: '创建',
    updated: '更新',
    accessed: '访问',
    duration: '耗时',
    result: '结果'
  },
  duration: {
    seconds: '{{s}} 秒',
    minutes: '{{m}} 分 {{s}} 秒',
    hours: '{{h}} 小时 {{m}} 分',
    days: '{{d}} 天 {{h}} 小时'
  },
  detail: {
    label: '任务详情',
    resize: '调整详情面板宽度',
    runningFor: '已运行 {{value}}',
    title: '任务',
    closeDetail: '关闭详情',
    loadingTask: '正在加载任务',
    gone: '此任务已不存在（已被删除，可能是后端的清理所致）。',
    sha256: 'sha256',
    id: 'ID',
    client: '客户端',
    copyId: '复制 ID',
    duration: '耗时 {{value}}',
    error: '错误：',
    noDetails: '（无详情）',
    created: '创建时间',
    updated: '更新时间',
    lastAccessed: '最后访问',
    raw: '原始值',
    result: '结果',
    noResult: '没有存储结果。',
    encrypted: '加密的结果（{{size}}）：DocuSnap-Backend 以 AES-CBC 密文存储结果，只有客户端的密钥能读取。',
    binary: '二进制数据（{{size}}），不是文本。前几个字节的十六进制：',
    malformed: '此结果不是有效的 JSON，按存储原样显示。',
    copyRaw: '复制原始结果',
    copyJson: '复制结果 JSON',
    more: '…（还有 {{size}}；复制以查看全部）'
  },
  json: {
    showAll: '显示全部 {{count, number}} 个字符',
    collapse: '折叠 {{name}}',
    expand: '展开 {{name}}',
    root: '根',
    items: '… {{count, number}} 项',
    keys: '… {{count, number}} 个键',
    showMore: '再显示 {{count, number}} 项（共剩 {{rest, number}} 项）'
  },
  exporting: {
    title: '导出任务',
    intro: '导出符合当前筛选条件的任务，列与表格相同。',
    introCount_other: '导出符合当前筛选条件的 {{count, number}} 个任务，列与表格相同。',
    format: '格式',
    csv: 'CSV（电子表格）',
    json: 'JSON（一个数组）',
    jsonl: 'JSON Lines（每行一个任务）',
    rawTimes: '时间按存储的原样导出（Unix 秒），而不是 ISO 8601 UTC',
    withResult: '包含结果（按存储原样的文本）',
    bom: '添加字节顺序标记（BOM，使 Excel 正确读取中文）',
    progress: '导出进度',
    downloadStarted: '下载已开始；浏览器会显示进度。',
    cancelled: '已取消：没有写入任何文件。',
    done_other: '已将 {{count, number}} 个任务导出到 {{path}}。',
    exportButton: '导出…',
    download: '下载'
  },
  maintenance: {
    compactTitle: '压缩数据库',
    indexesTitle: '添加建议的索引',
    compacted: '已压缩：{{before}} → {{after}}（节省 {{saved}}）。',
    added: '已添加 {{names}}。',
    allThere: '所有建议的索引都已存在。',
    compactIntro: '文件大小为 {{size}}，其中 {{free}} 是空闲页。压缩会重写整个文件；运行期间后端需要等待（文件较大时其写入可能超时）。',
    indexesIntro: '这会向文件添加 {{names}}。在大表上建立索引会锁定文件一段时间，并使文件略微变大；后端可以照常使用。',
    working: '正在处理',
    workingLong: '正在处理… 文件较大时可能需要一段时间。',
    compact: '压缩',
    addIndexes: '添加索引'
  },
  overview: {
    showTasks_other: '显示这 {{count, number}} 个任务：{{value}}',
    loading: '正在加载概览',
    loadingLong: '正在加载概览…',
    databaseFile: '数据库文件',
    file: '文件',
    size: '大小',
    format: '格式',
    seed: '种子缓存模块',
    backend: 'DocuSnap-Backend',
    access: '访问',
    readOnly: '只读',
    readWrite: '读写',
    tasks: '任务',
    oldest: '最早',
    newest: '最新',
    freePages: '空闲页',
    sqlite: 'SQLite · 日志模式',
    missingIndexes_other: '添加 {{count, number}} 个建议的索引（{{names}}）可以加快大表的筛选和排序。由于此文件可能属于其他程序，没有自动添加。',
    addIndexes: '添加索引…',
    byStatus: '按状态',
    byType: '按类型',
    perDay: '每天创建的任务（最近 30 天）',
    perDayLabel: '每天创建的任务，最近 30 天',
    maintenance: '维护',
    compactNote: '压缩会去掉空闲页重写文件。需要约等于文件大小的空闲磁盘空间，运行期间会锁定文件。',
    compact: '压缩数据库…'
  },
  open: {
    title: '打开任务数据库',
    intro: '选择一个 DocuSnap tasks.db：种子缓存模块的格式或 DocuSnap-Backend 的格式。文件按原样打开：除非你要求，否则不会做任何修改。',
    openAgain: '重新打开',
    openPick: '打开…',
    openReadOnly: '以只读方式打开…',
    newDatabase: '新建数据库…',
    typePath: '或输入路径',
    serverPath: '服务器上数据库的路径',
    open: '打开',
    createNew: '新建',
    couldNotOpen: '无法打开 {{path}}：{{message}}',
    closed: '数据库已关闭。',
    recent: '最近'
  },
  empty: {
    text: '此数据库还没有任务。DocuSnap-Backend 处理文档时任务会出现在这里。',
    textWritable: '此数据库还没有任务。DocuSnap-Backend 处理文档时任务会出现在这里；你也可以添加演示任务来试用本应用。',
    adding: '正在添加…',
    addDemo: '添加 {{count, number}} 个演示任务'
  },
  about: {
    title: '关于 DocuSnap 任务管理',
    version: '版本',
    runningAs: '运行方式',
    desktop: '桌面应用',
    browser: '浏览器（docusnap-tasks serve）',
    database: '数据库',
    noneOpen: '未打开',
    format: '格式',
    seed: '种子缓存模块',
    backend: 'DocuSnap-Backend',
    fileSize: '文件大小',
    sqlite: 'SQLite',
    sqliteValue: '{{version}}（日志模式：{{journal}}）'
  },
  edit: {
    title: '编辑任务 {{id}}',
    status: '状态',
    result: '结果（JSON）',
    resultEditor: 'JSON 格式的结果',
    format: '格式化',
    changes: '保存后的变化',
    statusChange: '状态：{{from}} → {{to}}',
    statusSame: '状态保持为 {{status}}',
    resultInvalid: '结果不是有效的 JSON（{{message}}）：无法保存。',
    resultKept: '结果：保持原样。{{json}} 在 Python 中为假值，update_task_result 遇到假值时保留已存的结果。',
    resultReplaced: '结果：替换（{{size}}，按种子模块 json.dumps 的格式存储）',
    resultSame: '结果不变',
    updatedNow: '更新时间变为现在，与 update_task_result 一致。',
    save: '保存',
    saved: '已保存。',
    savedKept: '已保存。已存的结果被保留（新结果为假值）。',
    editButton: '编辑…',
    duplicateButton: '复制…'
  },
  newTask: {
    title: '新建任务',
    duplicateTitle: '复制任务 {{id}}',
    id: '任务 ID',
    type: '类型',
    enterId: '请输入 ID（不含控制字符）和类型。',
    preview: '将创建任务 {{id}}，类型为 {{type}}：pending，创建时间为现在，没有结果（create_task_record）。',
    create: '创建',
    duplicate: '创建副本',
    menu: '新建任务…'
  },
  shortcuts: {
    title: '键盘快捷键',
    search: '搜索任务 ID',
    move: '在列表中移动（也可用 k / j）',
    page: '向上或向下翻一屏',
    selectAll: '选中或取消选中所有已加载的任务（macOS 上为 ⌘ A）',
    ends: '第一个或最后一个任务',
    open: '打开任务',
    select: '选择或取消选择任务（按住 Shift 选择范围）',
    delete: '删除所选任务（会先询问）',
    escape: '关闭面板或对话框',
    refresh: '立即刷新',
    help: '本列表',
    keys: {
      enter: 'Enter',
      space: '空格',
      delete: 'Delete',
      esc: 'Esc',
      pageUp: '上翻页（PageUp）',
      pageDown: '下翻页（PageDown）',
      home: '首（Home）',
      end: '尾（End）'
    }
  },
  errors: {
    noToken: '此浏览器尚未登录到这个服务器。请打开一次 `docusnap-tasks serve` 打印的完整网址：它会让此浏览器登录，之后指向该服务器的任何链接都能在这里打开。',
    noServer: '服务器没有响应。`docusnap-tasks serve` 还在运行吗？',
    unreadable: '服务器返回了 {{status}}，但内容无法读取。',
    code: {
      INVALID_INPUT: '请求无效。',
      NOT_FOUND: '找不到文件。',
      NOT_A_FILE: '这不是一个文件。',
      NOT_SQLITE: '该文件不是 SQLite 数据库。',
      CORRUPT: '数据库文件已损坏。',
      INCOMPATIBLE_SCHEMA: '该数据库没有 DocuSnap 任务表。',
      READ_ONLY: '数据库以只读方式打开。',
      BUSY: '数据库正忙（被其他程序锁定）。',
      DISK_FULL: '磁盘已满。',
      IO: '无法读取或写入文件。',
      NO_DATABASE: '没有打开的数据库。',
      NO_SUCH_TASK: '该任务不存在。',
      CANCELLED: '已取消。',
      UNAUTHORIZED: '未授权。',
      FORBIDDEN: '禁止访问。',
      INTERNAL: '出错了。'
    }
  },
  menu: {
    file: '文件(&F)',
    open: '打开…',
    openReadOnly: '以只读方式打开…',
    openRecent: '最近打开',
    new: '新建…',
    close: '关闭数据库',
    view: '视图(&V)',
    about: '关于 DocuSnap 任务管理',
    openTitle: '打开任务数据库',
    newTitle: '新建任务数据库',
    exportTitle: '导出任务',
    sqliteFiles: 'SQLite 数据库',
    allFiles: '所有文件',
    aboutDetail: 'Electron {{electron}}，Node {{node}}'
  },
  cli: {
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
  serve [--port N] [--host 127.0.0.1] [--read-only] [--open] [--settings 文件]   在浏览器中使用本应用
        [--allow-dir 目录] [--allow-host 名称]   允许打开某目录中的文件／服务器的其他名称

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
      rows: '行数：源 {{from, number}}，目标 {{to, number}}。',
      same: '所有列的校验和一致（{{columns}}）。',
      differ: '以下列的校验和不一致：{{columns}}。目标中有其他行，或相同键下的值不同。',
      stopped: '已在 {{total, number}} 个任务中的第 {{done, number}} 个后停止。再次运行同一命令即可继续：已复制的任务会保留。'
    },
    progress: {
      cleaning: '正在清理',
      timingOut: '正在标记超时',
      deleting: '正在删除',
      maintenanceOff: '有其他进程写入了该文件：后端正在运行，恢复为短事务。',
      requeueing: '正在重新排队',
      retrying: '正在忘记结果',
      exporting: '正在导出'
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
