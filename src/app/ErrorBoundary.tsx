import { Component, type ErrorInfo, type ReactNode } from 'react';
import './shell.css';

interface State {
  error: Error | null;
}

/** A rendering bug shows a way out instead of a blank page; saved chats are untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Nook crashed while rendering', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="blocking-screen" role="alert">
        <h1>Something broke on this page</h1>
        <p>Your chats are saved on this device. Reloading the page usually fixes this.</p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
        <details>
          <summary>Details</summary>
          <code>{this.state.error.message}</code>
        </details>
      </main>
    );
  }
}
