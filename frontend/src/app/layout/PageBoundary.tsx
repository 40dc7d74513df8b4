import { Component, Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorMessage, Loading } from '@/components';

/**
 * Where the pages render: "Laddar …" while a page's code is fetched on a first load, and the
 * network error in its place when the fetch fails (say, a new version was deployed meanwhile); the
 * next address tries again. A navigation keeps the page before on screen until the next one can
 * show, since the router moves in a transition.
 */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <LoadFailure pathname={pathname}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </LoadFailure>
  );
}

interface LoadFailureState {
  error: unknown;
  pathname: string;
}

class LoadFailure extends Component<{ pathname: string; children: ReactNode }, LoadFailureState> {
  override state: LoadFailureState = { error: undefined, pathname: this.props.pathname };

  static getDerivedStateFromError(error: unknown): Partial<LoadFailureState> {
    return { error };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: LoadFailureState): Partial<LoadFailureState> | null {
    return props.pathname === state.pathname ? null : { error: undefined, pathname: props.pathname };
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <ErrorMessage error={this.state.error} />;
  }
}
