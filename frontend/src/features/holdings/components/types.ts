/** What the parts of the holdings page share (kept here so that they do not import each other round). */
import type { ReactNode } from 'react';
import type { Holding, RevokeOrder } from '../api/types';

/** One person's holdings at one provider. */
export interface PersonGroup {
  key: string;
  providerId: string;
  providerName: string;
  name: string;
  personalNumber: string;
  items: Holding[];
}

/** The result of an action, shown above the list and focused (its button may be gone). */
export interface HoldingsResult {
  tone: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  body: ReactNode;
  key: number;
}

/** Revoke orders sent from this page, by holding: the rows say so until the list is left. */
export type SentOrders = Map<string, Pick<RevokeOrder, 'id' | 'reference'>>;
