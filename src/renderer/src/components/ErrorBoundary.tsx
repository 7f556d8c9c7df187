import { Component, type ReactNode } from 'react'
import { getI18n } from 'react-i18next'

/** The app never shows a blank screen: a render failure shows what happened and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div role="alert" className="m-auto max-w-lg space-y-3 p-8">
        <h1 className="text-lg font-semibold">{getI18n().t('app.somethingWrong')}</h1>
        <p className="text-sm">{this.state.error.message}</p>
        <button type="button" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white" onClick={() => window.location.reload()}>
          {getI18n().t('app.reload')}
        </button>
      </div>
    )
  }
}
