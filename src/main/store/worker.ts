// Store worker thread (see host.ts).
export {}
