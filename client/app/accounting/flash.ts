import { createStore } from '../lib/store';

/** A one-line confirmation shown on the next accounting screen ("posted as INV/2425/0001"). */
export const flash = createStore<string | null>(null);
