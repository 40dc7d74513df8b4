/**
 * `GET /api/v1/holdings/export`: every matching holding as CSV (personal numbers masked), fetched
 * with the bearer token and saved as `behorighetsinnehav.csv`.
 */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { filenameFrom, saveFile } from '@/lib/files';
import type { HoldingFilters } from './types';

export const HOLDINGS_CSV = 'behorighetsinnehav.csv';

export async function downloadHoldings(filters: HoldingFilters): Promise<void> {
  const result = await api.GET('/api/v1/holdings/export', {
    params: { query: { ...filters, q: filters.q?.trim() || undefined } },
    parseAs: 'blob',
  });
  const blob = unwrap(result) as Blob;
  saveFile(blob, filenameFrom(result.response.headers.get('Content-Disposition'), HOLDINGS_CSV));
}

export function useDownloadHoldings() {
  return useMutation({ mutationFn: downloadHoldings });
}
