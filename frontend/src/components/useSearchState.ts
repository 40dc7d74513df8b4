import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The address's query (filters that a reload or the back button keep), with a copy that changes at
 * once: the router updates the address a moment later, and a checkbox or radio button bound to it
 * would meanwhile spring back to its old state.
 */
export function useSearchState(): [URLSearchParams, (next: URLSearchParams) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const [local, setLocal] = useState(() => new URLSearchParams(key));
  useEffect(() => {
    // The address changed (our own change arriving, or back/forward): follow it.
    setLocal((current) => (current.toString() === key ? current : new URLSearchParams(key)));
  }, [key]);
  function update(next: URLSearchParams) {
    setLocal(next);
    setParams(next, { replace: true });
  }
  return [local, update];
}
