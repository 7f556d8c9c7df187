// Electron main process (see issue: desktop shell).
export {}
