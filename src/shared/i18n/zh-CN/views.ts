import type { Messages } from '../types'

// 简体中文：the main view: header, toolbar and the bulk actions.

export const views: Pick<Messages, 'app' | 'common' | 'value' | 'header' | 'theme' | 'language' | 'toolbar' | 'actions'> = {
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
  value: {
    empty: '（空）',
    none: '（无）'
  },
  header: {
    signOut: '退出登录',
    signOutTitle: '结束此浏览器在服务器上的会话（所有标签页）；打印的网址可再次登录',
    postgres: 'PostgreSQL',
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
    waitingLock: '——正在等待另一个会话持有的锁；锁一释放就继续。',
    failedAfter: '失败前已完成并保留：{{done, number}} / {{total, number}}。',
    triggers_other: '此表有 {{count}} 个触发器（{{names}}）。它们会对本操作改动的每个任务运行，执行其作者写下的任何操作，这里无法撤销它们所做的事。',
    triggersOk: '我了解这些触发器的作用：让它们运行',
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
  }
}
